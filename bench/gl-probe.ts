// Dev aid: a page-side WebGL2 probe (an init script) that logs the GL calls of every context, and with `sync`, what the GPU spends after each one.
/**
 * Installed with `page.addInitScript(glProbe, { sync })`. Every GL call of interest on every
 * WebGL2 context is logged as [ms, context, call, detail]; frames are marked by a rAF ticker. With
 * `sync` on (window.__glProbe.sync = true at any time), after each draw, clear, upload or blit a
 * 1×1 readPixels from a tiny framebuffer of the probe's own waits for the GPU process to finish
 * everything queued (ANGLE's ReadPixels → ContextVk::finishImpl: SwiftShader's queue), and the
 * call's entry gets the milliseconds waited: the GPU's cost of that call, JIT of new routines
 * included. (gl.finish() returns at once in Chromium, so it times nothing.)
 */
export interface ProbeEntry {
  t: number;
  ctx: number;
  call: string;
  detail: string;
  /** ms waited for the GPU after the call (sync mode), or -1. */
  gpu: number;
}

export interface ProbeHandle {
  sync: boolean;
  log: ProbeEntry[];
  frames: number[];
  on: boolean;
  names: Map<WebGLProgram, string>;
  contexts: string[];
  /** Long animation frames (LoAF) while on: where the main thread's time went. */
  loaf: { start: number; duration: number; render: number; layout: number; scripts: string[] }[];
}

/** The init script (serialised into the page: no imports, no closures over this module). */
export function glProbe(arg: { sync: boolean }): void {
  const h: ProbeHandle = { sync: arg.sync, log: [], frames: [], on: false, names: new Map(), contexts: [], loaf: [] };
  (window as unknown as { __glProbe: ProbeHandle }).__glProbe = h;
  const ids = new WeakMap<WebGL2RenderingContext, number>();
  let next = 0;
  const current = new WeakMap<WebGL2RenderingContext, string>();
  const probes = new WeakMap<WebGL2RenderingContext, { fb: WebGLFramebuffer; px: Uint8Array }>();
  const proto = WebGL2RenderingContext.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const orig: Record<string, (...a: unknown[]) => unknown> = {};
  for (const k of Object.getOwnPropertyNames(WebGL2RenderingContext.prototype)) {
    const d = Object.getOwnPropertyDescriptor(WebGL2RenderingContext.prototype, k);
    if (d && typeof d.value === 'function') orig[k] = d.value;
  }
  const ctxId = (gl: WebGL2RenderingContext): number => {
    let id = ids.get(gl);
    if (id === undefined) {
      id = next++;
      ids.set(gl, id);
      const a = gl.getContextAttributes();
      const c = gl.canvas as HTMLCanvasElement;
      h.contexts.push(
        `ctx${id}: ${c.width}x${c.height} ${c.className || c.id || ''} antialias=${a?.antialias} preserve=${a?.preserveDrawingBuffer} alpha=${a?.alpha} depth=${a?.depth} stencil=${a?.stencil}`,
      );
    }
    return id;
  };
  /** Waits for the GPU: a 1×1 read from the probe's own RGBA8 framebuffer, the read binding restored. */
  const wait = (gl: WebGL2RenderingContext): number => {
    let p = probes.get(gl);
    const readFb = orig.getParameter.call(gl, gl.READ_FRAMEBUFFER_BINDING) as WebGLFramebuffer | null;
    if (!p) {
      const tex = orig.createTexture.call(gl) as WebGLTexture;
      const prevTex = orig.getParameter.call(gl, gl.TEXTURE_BINDING_2D);
      orig.bindTexture.call(gl, gl.TEXTURE_2D, tex);
      orig.texStorage2D.call(gl, gl.TEXTURE_2D, 1, gl.RGBA8, 1, 1);
      orig.bindTexture.call(gl, gl.TEXTURE_2D, prevTex);
      const fb = orig.createFramebuffer.call(gl) as WebGLFramebuffer;
      orig.bindFramebuffer.call(gl, gl.READ_FRAMEBUFFER, fb);
      orig.framebufferTexture2D.call(gl, gl.READ_FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, tex, 0);
      p = { fb, px: new Uint8Array(4) };
      probes.set(gl, p);
    }
    orig.bindFramebuffer.call(gl, gl.READ_FRAMEBUFFER, p.fb);
    const packBuf = orig.getParameter.call(gl, gl.PIXEL_PACK_BUFFER_BINDING);
    if (packBuf) orig.bindBuffer.call(gl, gl.PIXEL_PACK_BUFFER, null);
    const t0 = performance.now();
    orig.readPixels.call(gl, 0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, p.px);
    const ms = performance.now() - t0;
    if (packBuf) orig.bindBuffer.call(gl, gl.PIXEL_PACK_BUFFER, packBuf);
    orig.bindFramebuffer.call(gl, gl.READ_FRAMEBUFFER, readFb);
    return ms;
  };
  const bytes = (v: unknown): number =>
    typeof v === 'number'
      ? v
      : ArrayBuffer.isView(v)
        ? (v as ArrayBufferView).byteLength
        : v instanceof ArrayBuffer
          ? v.byteLength
          : 0;
  const detailOf: Record<string, (gl: WebGL2RenderingContext, a: unknown[]) => string> = {
    drawArrays: (gl, a) => `${current.get(gl)} n=${a[2]}`,
    drawElements: (gl, a) => `${current.get(gl)} n=${a[1]}`,
    drawArraysInstanced: (gl, a) => `${current.get(gl)} n=${a[2]} inst=${a[3]}`,
    drawElementsInstanced: (gl, a) => `${current.get(gl)} n=${a[1]} inst=${a[4]}`,
    clear: (_gl, a) => `mask=${a[0]}`,
    bufferData: (_gl, a) => `target=${a[0]} bytes=${bytes(a[1])}`,
    bufferSubData: (_gl, a) => `target=${a[0]} bytes=${bytes(a[2])}`,
    texImage2D: (_gl, a) => (a.length >= 9 ? `${a[3]}x${a[4]} fmt=${a[2]}` : 'from element'),
    texSubImage2D: (_gl, a) => (a.length >= 9 ? `${a[4]}x${a[5]}` : 'from element'),
    texStorage2D: (_gl, a) => `${a[3]}x${a[4]} levels=${a[1]} fmt=${a[2]}`,
    texImage3D: (_gl, a) => `${a[3]}x${a[4]}x${a[5]}`,
    texSubImage3D: (_gl, a) => `${a[5]}x${a[6]}x${a[7]}`,
    generateMipmap: () => '',
    blitFramebuffer: (_gl, a) => `${a[6]}x${a[7]}`,
    readPixels: (_gl, a) => `${a[2]}x${a[3]}`,
    renderbufferStorageMultisample: (_gl, a) => `${a[3]}x${a[4]} samples=${a[1]}`,
    renderbufferStorage: (_gl, a) => `${a[2]}x${a[3]}`,
    bindFramebuffer: (_gl, a) => `${a[1] ? 'fbo' : 'screen'}`,
    viewport: (_gl, a) => `${a[2]}x${a[3]}`,
    createBuffer: () => '',
    deleteBuffer: () => '',
    createTexture: () => '',
    deleteTexture: () => '',
    createFramebuffer: () => '',
    deleteFramebuffer: () => '',
    createVertexArray: () => '',
    linkProgram: () => '',
    bindBufferBase: (_gl, a) => `idx=${a[1]}`,
    bindBufferRange: (_gl, a) => `idx=${a[1]} size=${a[4]}`,
    enable: (_gl, a) => `${a[0]}`,
    disable: (_gl, a) => `${a[0]}`,
    blendFuncSeparate: (_gl, a) => a.join(','),
    colorMask: (_gl, a) => a.join(','),
    depthMask: (_gl, a) => `${a[0]}`,
  };
  const timed = new Set([
    'drawArrays',
    'drawElements',
    'drawArraysInstanced',
    'drawElementsInstanced',
    'clear',
    'bufferData',
    'bufferSubData',
    'texImage2D',
    'texSubImage2D',
    'texStorage2D',
    'texImage3D',
    'texSubImage3D',
    'generateMipmap',
    'blitFramebuffer',
    'linkProgram',
  ]);
  for (const k of Object.keys(detailOf)) {
    const f = orig[k];
    if (!f) continue;
    proto[k] = function (this: WebGL2RenderingContext, ...a: unknown[]) {
      const r = f.apply(this, a);
      if (h.on) {
        const gpu = h.sync && timed.has(k) ? wait(this) : -1;
        h.log.push({ t: performance.now(), ctx: ctxId(this), call: k, detail: detailOf[k](this, a), gpu });
      }
      return r;
    };
  }
  const useProgram = orig.useProgram;
  proto.useProgram = function (this: WebGL2RenderingContext, p: unknown) {
    current.set(this, p ? (h.names.get(p as WebGLProgram) ?? '?') : 'none');
    return useProgram.call(this, p);
  };
  const link = proto.linkProgram;
  proto.linkProgram = function (this: WebGL2RenderingContext, p: unknown) {
    const shaders = (orig.getAttachedShaders.call(this, p) as WebGLShader[] | null) ?? [];
    const names = shaders.map(
      (sh) =>
        /#define SHADER_NAME (\S+)/.exec((orig.getShaderSource.call(this, sh) as string | null) ?? '')?.[1] ?? '?',
    );
    h.names.set(p as WebGLProgram, names[0] ?? '?');
    return link.call(this, p);
  };
  new PerformanceObserver((list) => {
    if (!h.on) return;
    for (const e of list.getEntries() as unknown as {
      startTime: number;
      duration: number;
      renderStart: number;
      styleAndLayoutStart: number;
      scripts: { invoker: string; sourceFunctionName: string; duration: number }[];
    }[])
      h.loaf.push({
        start: e.startTime,
        duration: e.duration,
        render: e.renderStart,
        layout: e.styleAndLayoutStart,
        scripts: [...e.scripts]
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 4)
          .map(
            (x) => `${x.invoker}${x.sourceFunctionName ? `(${x.sourceFunctionName})` : ''} ${Math.round(x.duration)}`,
          ),
      });
  }).observe({ type: 'long-animation-frame', buffered: false });
  const tick = (t: number): void => {
    if (h.on) h.frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
