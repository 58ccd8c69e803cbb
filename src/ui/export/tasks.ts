// Cooperative long work: yield to the event loop, report progress, stop when aborted.

/** Progress: a fraction 0..1 and a line for people. */
export type ProgressFn = (fraction: number, message: string) => void;

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: ProgressFn;
}

/** Resolves on a later task, so input, painting and the Cancel button keep working. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Throws the signal's AbortError when the export was cancelled. */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

export function abortError(): DOMException {
  return new DOMException('The export was cancelled.', 'AbortError');
}

export function isAbortError(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/**
 * Waits for `promise`, rejecting early with an AbortError when `signal` aborts or with a plain
 * Error after `timeoutMs`. Listeners are removed either way.
 */
export function waitFor<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      cleanup();
      reject(abortError());
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Export: ${what} took longer than ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort);
    promise.then(
      (v) => {
        cleanup();
        resolve(v);
      },
      (e: unknown) => {
        cleanup();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
