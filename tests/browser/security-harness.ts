// Security-test helpers: a tripwire in every frame (canary, injected elements, CSP violations), dialogs, drops, findings.
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { CANARY } from '../fixtures/xss/payloads';

/** What the tripwire saw in one frame. */
export interface FrameFindings {
  url: string;
  /** The canary was written (a payload ran), with what was written. */
  canary: string[];
  /** Elements or attributes that only injected markup would add. */
  injected: string[];
  /** `securitypolicyviolation` events: directive, blocked URI, source. */
  violations: string[];
  /** window.open calls (a payload could open a window instead of a dialog). */
  opened: string[];
}

export interface Findings {
  frames: FrameFindings[];
  dialogs: string[];
}

/**
 * Installed before any script of every frame. Defines the canary as a setter that records (so even
 * `parent.__pwned = 1` from a frame is caught), listens for CSP violations, and watches the DOM for
 * what injected markup would add: a script or frame not ours, an <img>, <object>, <embed>, <math>,
 * <style>, <meta>, <base>, any SVG but our icons, any on* attribute, any javascript:/data: link.
 */
function tripwire(canary: string): void {
  const log = { canary: [] as string[], injected: [] as string[], violations: [] as string[], opened: [] as string[] };
  Object.defineProperty(window, '__security', { value: log, enumerable: false });
  Object.defineProperty(window, canary, {
    configurable: false,
    get: () => undefined,
    set: (v: unknown) => {
      log.canary.push(String(v));
    },
  });
  const open = window.open.bind(window);
  window.open = (...args: Parameters<typeof window.open>) => {
    log.opened.push(String(args[0]));
    return args[0] && /^https?:/i.test(String(args[0])) ? open(...args) : null;
  };
  document.addEventListener(
    'securitypolicyviolation',
    (e) => {
      log.violations.push(
        `${e.violatedDirective} blocked=${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} sample=${e.sample}`,
      );
    },
    true,
  );
  const ICON_PATH = /^M[\d .MLHVZ]+$/;
  const BAD_TAGS = new Set([
    'SCRIPT',
    'IFRAME',
    'FRAME',
    'FRAMESET',
    'OBJECT',
    'EMBED',
    'APPLET',
    'IMG',
    'MATH',
    'STYLE',
    'META',
    'BASE',
    'VIDEO',
    'AUDIO',
    'SOURCE',
    'MARQUEE',
    'TEMPLATE',
    'BODY',
    'ANIMATE',
    'SET',
    'FOREIGNOBJECT',
    'USE',
    'IMAGE',
  ]);
  const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'background', 'poster'];
  const show = (el: Element): string =>
    `<${el.tagName.toLowerCase()}${Array.from(el.attributes)
      .map((a) => ` ${a.name}="${a.value.slice(0, 60)}"`)
      .join('')}>`;
  const ours = (el: Element): boolean => {
    const tag = el.tagName.toUpperCase();
    // Our own: the page's module script, vite's preloads, the share dialog's preview, our SVG icons.
    if (tag === 'SCRIPT')
      return (
        el.getAttribute('type') === 'module' &&
        /^(\.\/|\/)?assets\//.test(el.getAttribute('src') ?? '') &&
        !el.textContent
      );
    if (tag === 'IFRAME') return el.id === 'share-preview';
    if (tag === 'SVG')
      return Array.from(el.children).every(
        (c) =>
          c.tagName.toLowerCase() === 'path' && ICON_PATH.test(c.getAttribute('d') ?? '') && c.attributes.length === 2,
      );
    if (tag === 'PATH')
      return el.parentElement?.tagName.toUpperCase() === 'SVG' && ICON_PATH.test(el.getAttribute('d') ?? '');
    return !BAD_TAGS.has(tag);
  };
  const check = (el: Element): void => {
    if (!ours(el)) log.injected.push(show(el));
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) log.injected.push(`${show(el)} (event handler attribute)`);
      if (URL_ATTRS.includes(a.name.toLowerCase()) && /^\s*(javascript|vbscript|data:text)/i.test(a.value))
        log.injected.push(`${show(el)} (script URL)`);
    }
    if (
      el.tagName === 'A' &&
      (el as HTMLAnchorElement).target === '_blank' &&
      !/noopener/.test(el.getAttribute('rel') ?? '')
    )
      log.injected.push(`${show(el)} (opens a window without noopener)`);
  };
  const walk = (node: Node): void => {
    if (node.nodeType !== 1) return;
    const el = node as Element;
    check(el);
    for (const child of Array.from(el.querySelectorAll('*'))) check(child);
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'childList') r.addedNodes.forEach(walk);
      else if (r.type === 'attributes' && r.target.nodeType === 1) check(r.target as Element);
    }
  });
  // The document's own markup (head, meta, body) is the page's: watch from when it is parsed; what
  // scripts added to the body before then is checked once.
  const start = (): void => {
    for (const el of Array.from(document.querySelectorAll('body *'))) check(el);
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

/** Arms a context: the tripwire in every frame of every page opened after this, and a record of dialogs. */
export async function armContext(ctx: BrowserContext): Promise<{ dialogs: string[] }> {
  const dialogs: string[] = [];
  await ctx.addInitScript(tripwire, CANARY);
  ctx.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  return { dialogs };
}

/** The tripwire's records from every frame of the page. */
export async function findings(page: Page, dialogs: readonly string[]): Promise<Findings> {
  const frames: FrameFindings[] = [];
  for (const frame of page.frames()) frames.push(await frameFindings(frame));
  return { frames, dialogs: [...dialogs] };
}

async function frameFindings(frame: Frame): Promise<FrameFindings> {
  const url = frame.url();
  try {
    const log = await frame.evaluate(
      () => (window as unknown as { __security?: Omit<FrameFindings, 'url'> }).__security ?? null,
    );
    return log
      ? { url, ...log }
      : { url, canary: [], injected: [], violations: [`(no tripwire in ${url})`], opened: [] };
  } catch (e) {
    return {
      url,
      canary: [],
      injected: [],
      violations: [],
      opened: [`(frame not readable: ${String(e).slice(0, 80)})`],
    };
  }
}

/**
 * The findings with the injected-element check kept only for frames whose URL starts with `prefix` (a host page's own
 * iframes and scripts are the newsroom's, not injected); canary, violations and dialogs everywhere.
 */
export function injectionsOnlyFrom(f: Findings, prefix: string): Findings {
  return { ...f, frames: f.frames.map((fr) => (fr.url.startsWith(prefix) ? fr : { ...fr, injected: [] })) };
}

/** Asserts that nothing ran, nothing was injected, no dialog opened and the policy was never violated. */
export function expectNoAttack(f: Findings): void {
  const problems = [
    ...f.dialogs.map((d) => `dialog ${d}`),
    ...f.frames.flatMap((fr) => [
      ...fr.canary.map((c) => `canary set (${c}) in ${fr.url}`),
      ...fr.injected.map((i) => `injected ${i} in ${fr.url}`),
      ...fr.violations.map((v) => `CSP violation ${v} in ${fr.url}`),
      ...fr.opened.filter((o) => !o.startsWith('(frame')).map((o) => `window.open(${o}) in ${fr.url}`),
    ]),
  ];
  expect(problems, problems.slice(0, 20).join('\n')).toEqual([]);
}

/** Drops files on the map as a browser does (dragenter, dragover, drop with a DataTransfer). */
export async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name));
    const map = document.getElementById('map') as HTMLElement;
    for (const type of ['dragenter', 'dragover', 'drop'])
      map.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}
