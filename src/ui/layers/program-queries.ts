// Answers a linked WebGL program's introspection queries from memory after the first time, so a new layer's pipeline never waits on the GPU process.

/**
 * luma.gl 9.4 makes a RenderPipeline wrapper for every new layer's model (our
 * OffsetScatterplotLayer keeps one a model, offset-scatterplot-layer.ts), and each wrapper's
 * constructor introspects its already-linked, shared WebGL program again
 * (getShaderLayoutFromGLSL: getProgramParameter, getActiveAttrib, getActiveUniform, …). Each of
 * those calls is synchronous: in Chromium the first one in a frame waits until the GPU process
 * has run every command queued before it — after an import, the uploads of 300,000 points — so
 * a new layer cost ~35 ms of waiting on the main thread (bench/profile-longtasks.ts).
 *
 * What a successfully linked program reports does not change until it is linked again, so the
 * answers are kept per program (a WeakMap: a deleted program takes them with it) from the moment
 * `getProgramParameter(LINK_STATUS)` has said true, and dropped by `linkProgram`. Queries of a
 * program not (yet) known to be linked, and every other call, go straight to the context.
 */

const LINK_STATUS = 0x8b82;
/** Program parameters fixed by a successful link (COMPLETION_STATUS_KHR, VALIDATE_STATUS and DELETE_STATUS are not). */
const FIXED_PARAMETERS = new Set([
  LINK_STATUS,
  0x8b85, // ATTACHED_SHADERS
  0x8b89, // ACTIVE_ATTRIBUTES
  0x8b86, // ACTIVE_UNIFORMS
  0x8a36, // ACTIVE_UNIFORM_BLOCKS
  0x8c83, // TRANSFORM_FEEDBACK_VARYINGS
  0x8c7f, // TRANSFORM_FEEDBACK_BUFFER_MODE
]);

/** The queries answered from memory: each takes the program first, then plain arguments (numbers, strings, an index list). */
const QUERIES = [
  'getProgramParameter',
  'getActiveAttrib',
  'getActiveUniform',
  'getAttribLocation',
  'getUniformLocation',
  'getTransformFeedbackVarying',
  'getUniformBlockIndex',
  'getActiveUniformBlockName',
  'getActiveUniformBlockParameter',
  'getActiveUniforms',
  'getFragDataLocation',
] as const;

type Query = (typeof QUERIES)[number];
/** The slice of a WebGL2 context this module wraps (a fake one in the unit tests). */
export type ProgramQueryContext = Pick<WebGL2RenderingContext, Query | 'linkProgram'>;

const installed = new WeakSet<object>();

/**
 * For deck.gl's `onDeviceInitialized` (every Deck and overlay the app makes): before any layer
 * links a program, so each program's successful link is seen. A WebGPU device has no GL context.
 */
export function memoizeDeviceQueries(device: unknown): void {
  const gl = (device as { gl?: ProgramQueryContext }).gl;
  if (gl) memoizeProgramQueries(gl);
}

/** Wraps the context's program queries (once per context; later calls do nothing). Returns whether it wrapped them now. */
export function memoizeProgramQueries(gl: ProgramQueryContext): boolean {
  if (installed.has(gl)) return false;
  installed.add(gl);
  const linked = new WeakSet<WebGLProgram>();
  const answers = new WeakMap<WebGLProgram, Map<string, unknown>>();
  // Members of a browser's context are found on its prototype: each is bound to the context once.
  const target = gl as unknown as Record<string, (...args: unknown[]) => unknown>;
  const link = target.linkProgram.bind(gl);
  target.linkProgram = (program: unknown) => {
    linked.delete(program as WebGLProgram);
    answers.delete(program as WebGLProgram);
    link(program);
  };
  for (const name of QUERIES) {
    const call = target[name].bind(gl);
    target[name] = (program: unknown, ...rest: unknown[]) => {
      const p = program as WebGLProgram;
      const cacheable =
        !!p && typeof p === 'object' && (name !== 'getProgramParameter' || FIXED_PARAMETERS.has(rest[0] as number));
      if (!cacheable || !linked.has(p)) {
        const value = call(program, ...rest);
        if (cacheable && name === 'getProgramParameter' && rest[0] === LINK_STATUS && value === true) linked.add(p);
        return value;
      }
      let kept = answers.get(p);
      if (!kept) {
        kept = new Map();
        answers.set(p, kept);
      }
      const key = `${name}:${JSON.stringify(rest)}`;
      if (!kept.has(key)) kept.set(key, call(program, ...rest));
      const value = kept.get(key);
      // An index list (UNIFORM_BLOCK_ACTIVE_UNIFORM_INDICES) is the caller's to change: each gets a copy.
      return ArrayBuffer.isView(value) ? (value as Uint32Array).slice() : value;
    };
  }
  return true;
}
