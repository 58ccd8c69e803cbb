// At the edge: asks the browser's WebGL for its size limits (texture, renderbuffer, viewport), once.
import type { GlLimits } from './size';

let cached: GlLimits | null = null;

/** The WebGL limits here; a throwaway context is created, read and released. Conservative fallback. */
export function glLimits(): GlLimits {
  if (cached) return cached;
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as
    | WebGL2RenderingContext
    | WebGLRenderingContext
    | null;
  if (!gl) return { maxTextureSize: 4096, maxRenderbufferSize: 4096, maxViewportDims: [4096, 4096] };
  const dims = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  cached = {
    maxTextureSize: gl.getParameter(gl.MAX_TEXTURE_SIZE) as number,
    maxRenderbufferSize: gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number,
    maxViewportDims: [dims[0], dims[1]],
  };
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return cached;
}
