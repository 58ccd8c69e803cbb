// Tests for cooperative export work: waiting with cancel and timeout, abort errors.
import { describe, expect, it } from 'vitest';
import { abortError, checkAborted, isAbortError, waitFor } from './tasks';

describe('waitFor', () => {
  it('resolves with the promise', async () => {
    await expect(waitFor(Promise.resolve(7), undefined, 1000, 'x')).resolves.toBe(7);
  });
  it('rejects with an AbortError when cancelled, even mid-wait', async () => {
    const ctl = new AbortController();
    const never = new Promise<number>(() => undefined);
    const waiting = waitFor(never, ctl.signal, 10_000, 'x');
    ctl.abort();
    const err = await waiting.catch((e: unknown) => e);
    expect(isAbortError(err)).toBe(true);
    const pre = new AbortController();
    pre.abort();
    expect(isAbortError(await waitFor(Promise.resolve(1), pre.signal, 1000, 'x').catch((e: unknown) => e))).toBe(true);
  });
  it('times out with a message naming the step', async () => {
    await expect(waitFor(new Promise<number>(() => undefined), undefined, 20, 'encoding the PNG')).rejects.toThrow(
      /encoding the PNG took longer/,
    );
  });
  it('checkAborted throws only when aborted', () => {
    const ctl = new AbortController();
    expect(() => checkAborted(ctl.signal)).not.toThrow();
    ctl.abort();
    expect(() => checkAborted(ctl.signal)).toThrow(abortError().message);
    expect(isAbortError(new Error('x'))).toBe(false);
  });
});
