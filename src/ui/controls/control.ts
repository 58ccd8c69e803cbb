// The contract every DOM control follows: build a detached element, undo everything on destroy.

/**
 * What every `mount…` function returns (as maplibre's IControl `onAdd` has its `onRemove`):
 * `destroy()` removes every element, listener and subscription the mount added. Names:
 * `mount…` puts something on the page or attaches to it; `create…` is a pure factory that
 * touches no DOM; `open…` is a dialog a person opens.
 */
export interface Mounted {
  destroy(): void;
}

export interface Control extends Mounted {
  /** The control's root element, not yet attached (the caller places it). */
  readonly element: HTMLElement;
  /** Removes every listener and subscription the control added, and its element. */
  destroy(): void;
}

/** Creates an element with a class and optional attributes; text is always set as textContent. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  if (text !== undefined) node.textContent = text;
  return node;
}
