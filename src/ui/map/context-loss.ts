// WebGL context loss on the map's canvases: a clear notice with a Reload button while any is lost; owners rebuild on restore.
import { el } from '../controls/control';
import '../styles/context-loss.css';

/** Which watched canvases have lost their context (pure: the DOM part below follows it). */
export class LostContexts {
  private readonly lost = new Set<string>();

  /** Records a loss; true when it is the first canvas lost (the notice should appear). */
  lose(id: string): boolean {
    const first = !this.anyLost;
    this.lost.add(id);
    return first;
  }

  /** Records a restore; true when no canvas is lost any more (the notice should go). */
  restore(id: string): boolean {
    const had = this.lost.delete(id);
    return had && this.lost.size === 0;
  }

  get anyLost(): boolean {
    return this.lost.size > 0;
  }

  has(id: string): boolean {
    return this.lost.has(id);
  }
}

export const CONTEXT_LOST_MESSAGE =
  'The map’s graphics were interrupted: the browser took back the graphics card (it does this to save power or when many tabs use it). Trying to restore the map…';
export const CONTEXT_LOST_HINT =
  'The event list and the details still work. If the map does not come back, reload: the view is kept in the link.';

export interface ContextLossWatch {
  /**
   * Watches a canvas: on `webglcontextlost` the browser is told the page will restore it
   * (preventDefault) and the notice shows; on `webglcontextrestored` `onRestored` runs. Returns the undo.
   */
  watch(id: string, canvas: HTMLCanvasElement, onRestored?: () => void): () => void;
  /** True while the canvas with this id has no context. */
  isLost(id: string): boolean;
  destroy(): void;
}

/** Shows the notice in `container` (the map's element) while any watched canvas is lost. */
export function mountContextLoss(
  container: HTMLElement,
  reload: () => void = () => location.reload(),
): ContextLossWatch {
  const state = new LostContexts();
  const notice = el('div', { class: 'context-lost', role: 'alert', hidden: '' });
  const button = el('button', { type: 'button', class: 'context-lost-reload' }, 'Reload the map');
  notice.append(
    el('p', { class: 'context-lost-message' }, CONTEXT_LOST_MESSAGE),
    el('p', { class: 'context-lost-hint' }, CONTEXT_LOST_HINT),
    button,
  );
  container.append(notice);
  const onReload = (): void => reload();
  button.addEventListener('click', onReload);
  const undos = new Set<() => void>();

  return {
    watch(id, canvas, onRestored) {
      const onLost = (e: Event): void => {
        e.preventDefault(); // without it the browser never restores the context
        if (state.lose(id)) notice.hidden = false;
        canvas.dataset.contextLost = '1';
      };
      const onBack = (): void => {
        delete canvas.dataset.contextLost;
        if (state.restore(id)) notice.hidden = true;
        onRestored?.();
      };
      canvas.addEventListener('webglcontextlost', onLost);
      canvas.addEventListener('webglcontextrestored', onBack);
      const undo = (): void => {
        canvas.removeEventListener('webglcontextlost', onLost);
        canvas.removeEventListener('webglcontextrestored', onBack);
        if (state.restore(id)) notice.hidden = true;
        undos.delete(undo);
      };
      undos.add(undo);
      return undo;
    },
    isLost: (id) => state.has(id),
    destroy() {
      for (const undo of [...undos]) undo();
      button.removeEventListener('click', onReload);
      notice.remove();
    },
  };
}
