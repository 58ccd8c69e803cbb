// The program-query memo: a linked program's answers come from memory, anything else (or a relinked program) from the context.
import { describe, expect, it } from 'vitest';
import { memoizeProgramQueries, type ProgramQueryContext } from './program-queries';

const LINK_STATUS = 0x8b82;
const ACTIVE_UNIFORMS = 0x8b86;
const COMPLETION_STATUS = 0x91b1;

/** A context that counts the calls that reach it. */
function fakeContext() {
  const calls: string[] = [];
  let linked = true;
  const gl = {
    linkProgram: () => void calls.push('linkProgram'),
    getProgramParameter: (_p: object, pname: number) => {
      calls.push(`getProgramParameter ${pname}`);
      return pname === LINK_STATUS ? linked : pname === ACTIVE_UNIFORMS ? 3 : false;
    },
    getActiveUniform: (_p: object, i: number) => {
      calls.push(`getActiveUniform ${i}`);
      return { name: `u${i}`, size: 1, type: 0x1406 };
    },
    getUniformLocation: (_p: object, name: string) => {
      calls.push(`getUniformLocation ${name}`);
      return { name };
    },
    getActiveUniformBlockParameter: (_p: object, block: number, pname: number) => {
      calls.push(`getActiveUniformBlockParameter ${block} ${pname}`);
      return new Uint32Array([4, 5]);
    },
    getActiveUniforms: (_p: object, indices: number[], pname: number) => {
      calls.push(`getActiveUniforms ${indices.join()} ${pname}`);
      return indices.map((i) => i * 10);
    },
    getActiveAttrib: () => null,
    getAttribLocation: () => 0,
    getTransformFeedbackVarying: () => null,
    getUniformBlockIndex: () => 0,
    getActiveUniformBlockName: () => null,
    getFragDataLocation: () => 0,
  };
  return {
    gl: gl as unknown as ProgramQueryContext & typeof gl,
    calls,
    setLinked: (v: boolean) => {
      linked = v;
    },
  };
}

describe('memoizeProgramQueries', () => {
  it('answers a linked program’s queries from memory after the first time', () => {
    const { gl, calls } = fakeContext();
    expect(memoizeProgramQueries(gl)).toBe(true);
    const program = {} as WebGLProgram;
    expect(gl.getProgramParameter(program, LINK_STATUS)).toBe(true);
    calls.length = 0;
    for (let round = 0; round < 3; round++) {
      expect(gl.getProgramParameter(program, ACTIVE_UNIFORMS)).toBe(3);
      expect(gl.getActiveUniform(program, 1)).toMatchObject({ name: 'u1' });
      expect(gl.getUniformLocation(program, 'u1')).toEqual({ name: 'u1' });
      expect(gl.getActiveUniforms(program, [1, 2], 0x8a3a)).toEqual([10, 20]);
    }
    // One call each reached the context: the first round's.
    expect(calls).toEqual([
      `getProgramParameter ${ACTIVE_UNIFORMS}`,
      'getActiveUniform 1',
      'getUniformLocation u1',
      'getActiveUniforms 1,2 35386',
    ]);
    // Different arguments are different questions.
    gl.getActiveUniform(program, 2);
    expect(calls.at(-1)).toBe('getActiveUniform 2');
  });

  it('asks the context while a program is not known to be linked, and for parameters a link does not fix', () => {
    const { gl, calls, setLinked } = fakeContext();
    memoizeProgramQueries(gl);
    const program = {} as WebGLProgram;
    setLinked(false);
    gl.getProgramParameter(program, LINK_STATUS);
    gl.getActiveUniform(program, 0);
    gl.getActiveUniform(program, 0);
    expect(calls.filter((c) => c === 'getActiveUniform 0')).toHaveLength(2);
    setLinked(true);
    gl.getProgramParameter(program, LINK_STATUS);
    gl.getProgramParameter(program, COMPLETION_STATUS);
    gl.getProgramParameter(program, COMPLETION_STATUS);
    expect(calls.filter((c) => c === `getProgramParameter ${COMPLETION_STATUS}`)).toHaveLength(2);
  });

  it('forgets a program’s answers when it is linked again', () => {
    const { gl, calls } = fakeContext();
    memoizeProgramQueries(gl);
    const program = {} as WebGLProgram;
    gl.getProgramParameter(program, LINK_STATUS);
    gl.getActiveUniform(program, 0);
    gl.linkProgram(program);
    gl.getActiveUniform(program, 0); // not known to be linked yet: asked
    gl.getProgramParameter(program, LINK_STATUS);
    gl.getActiveUniform(program, 0); // asked once more, then kept
    gl.getActiveUniform(program, 0);
    expect(calls.filter((c) => c === 'getActiveUniform 0')).toHaveLength(3);
  });

  it('gives each caller its own copy of an index list, and wraps a context once', () => {
    const { gl } = fakeContext();
    memoizeProgramQueries(gl);
    expect(memoizeProgramQueries(gl)).toBe(false);
    const program = {} as WebGLProgram;
    gl.getProgramParameter(program, LINK_STATUS);
    const a = gl.getActiveUniformBlockParameter(program, 0, 0x8a43) as Uint32Array;
    a[0] = 99;
    expect([...(gl.getActiveUniformBlockParameter(program, 0, 0x8a43) as Uint32Array)]).toEqual([4, 5]);
  });
});
