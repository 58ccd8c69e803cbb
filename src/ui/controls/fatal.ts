// A clear, plain-text message in place of a part of the page that could not start.
import { el } from './control';

export function showFatal(where: HTMLElement, message: string, error: unknown): void {
  const box = el('div', { class: 'fatal', role: 'alert' });
  box.append(el('p', {}, message));
  const detail = error instanceof Error ? error.message : String(error);
  box.append(el('p', { class: 'fatal-detail' }, detail));
  where.append(box);
  console.warn(message, error);
}
