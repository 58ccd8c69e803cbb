// Drag-and-drop of data files onto the map: a visible target while dragging, files handed on drop.
import { el, type Mounted } from '../controls/control';

/** Listens for file drags over `target`; calls `onFiles` with what was dropped. `destroy()` undoes it. */
export function mountDropZone(target: HTMLElement, onFiles: (files: File[]) => void): Mounted {
  const overlay = el('div', { class: 'drop-overlay', hidden: '', 'aria-hidden': 'true' });
  overlay.append(
    el('p', {}, 'Drop GeoJSON or CSV files (ACLED, UCDP, or with latitude/longitude columns) to add them to the map'),
  );
  target.append(overlay);
  let depth = 0;
  const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  const onEnter = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    depth++;
    overlay.hidden = false;
  };
  const onOver = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const onLeave = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (!depth) overlay.hidden = true;
  };
  const onDrop = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length) onFiles(files);
  };
  target.addEventListener('dragenter', onEnter);
  target.addEventListener('dragover', onOver);
  target.addEventListener('dragleave', onLeave);
  target.addEventListener('drop', onDrop);
  return {
    destroy() {
      target.removeEventListener('dragenter', onEnter);
      target.removeEventListener('dragover', onOver);
      target.removeEventListener('dragleave', onLeave);
      target.removeEventListener('drop', onDrop);
      overlay.remove();
    },
  };
}

/** Opens the browser's file picker for data files. */
export function pickFiles(onFiles: (files: File[]) => void): void {
  const input = el('input', {
    type: 'file',
    multiple: '',
    accept: '.geojson,.json,.csv,.tsv,.txt,application/geo+json,application/json,text/csv',
    hidden: '',
  });
  const onChange = (): void => {
    input.removeEventListener('change', onChange);
    const files = Array.from(input.files ?? []);
    input.remove();
    if (files.length) onFiles(files);
  };
  input.addEventListener('change', onChange);
  document.body.append(input);
  input.click();
}
