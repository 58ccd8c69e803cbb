// Waits of an off-screen render: until deck.gl has drawn its layers loaded, and until the GPU has run what was queued.
import type { Layer } from '@deck.gl/core';
import { checkAborted } from './tasks';

/**
 * Waits until deck.gl has loaded every layer and drawn with them: a frame drawn after they were
 * seen loaded, or, when the draw that loaded them was already the last one needed, three quiet
 * frames after it. Gives up after ~10 s of frames (and draws what there is).
 */
export async function waitDeck(layers: Layer[], renders: () => number, signal: AbortSignal | undefined): Promise<void> {
  let loadedAt = -1;
  let quiet = 0;
  for (let i = 0; i < 600; i++) {
    checkAborted(signal);
    if (layers.every((l) => l.isLoaded) && renders() > 0) {
      if (loadedAt < 0) loadedAt = renders();
      else if (renders() > loadedAt || ++quiet >= 3) break;
    }
    await frame();
  }
  await frame();
}

/**
 * Resolves once the GPU has run every command queued on the canvas's WebGL2 context, polling a
 * fence once a frame: reading the canvas afterwards no longer blocks the page while a software
 * renderer catches up. Without WebGL2 (or a fence) it resolves at once.
 */
export async function gpuFinished(canvas: HTMLCanvasElement, signal: AbortSignal | undefined): Promise<void> {
  // getContext with the type the canvas already has returns its existing context.
  const gl = canvas.getContext('webgl2');
  if (!gl) return;
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (!sync) return;
  gl.flush();
  try {
    for (let i = 0; i < 3600; i++) {
      checkAborted(signal);
      if (gl.getSyncParameter(sync, gl.SYNC_STATUS) === gl.SIGNALED || gl.isContextLost()) return;
      await frame();
    }
  } finally {
    gl.deleteSync(sync);
  }
}

export function frame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
