// The "Your data" panel: files being imported (progress, cancel), results, reports, field mapping; drawn from the store's list of imports.
import { el } from '../controls/control';
import { reportToCsv, type FieldMapping, type ImportIssue, type MappingTarget } from '../../core/import/import';
import type { LoadedImport } from '../../core/import/merge';
import type { ImportController } from './controller';
import type { AtlasStore } from '../../app/store';
import { onlyProgressChanged, type ImportsState } from '../../app/imports';
import type { LayerKind } from '../../core/schema/schema';

const FORMAT_LABELS: Record<string, string> = {
  geojson: 'GeoJSON',
  acled: 'ACLED CSV',
  ucdp: 'UCDP GED CSV',
  csv: 'CSV',
  unknown: 'Unknown format',
};
const MAPPED_TARGETS: { target: MappingTarget; label: string; csvOnly?: boolean }[] = [
  { target: 'start', label: 'Start date' },
  { target: 'end', label: 'End date' },
  { target: 'title', label: 'Title' },
  { target: 'category', label: 'Category (one layer each)' },
  { target: 'place', label: 'Place' },
  { target: 'id', label: 'Id' },
  { target: 'latitude', label: 'Latitude', csvOnly: true },
  { target: 'longitude', label: 'Longitude', csvOnly: true },
];
/** How many report rows are shown on the page; the download has them all. */
const SHOWN_ISSUES = 200;

export class ImportsPanel {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly bundledBox: HTMLInputElement;
  private readonly progressBars = new Map<number, HTMLProgressElement>();
  private readonly unsubscribe: () => void;

  /** `controller` runs what the panel's buttons and forms ask for; what it shows is the store's `imports`. */
  constructor(
    private readonly store: AtlasStore,
    private readonly controller: ImportController,
  ) {
    this.element = el('section', { id: 'imports', class: 'imports', 'aria-labelledby': 'imports-heading' });
    const heading = el('h2', { id: 'imports-heading' }, 'Your data');
    const label = el('label', { class: 'imports-bundled' });
    this.bundledBox = el('input', { type: 'checkbox', id: 'show-bundled', checked: '' });
    label.append(this.bundledBox, 'Show the bundled data');
    this.body = el('div', { class: 'imports-body', 'aria-live': 'polite' });
    this.element.append(heading, label, this.body);
    this.bundledBox.addEventListener('change', this.onBundled);
    this.body.addEventListener('click', this.onClick);
    this.body.addEventListener('submit', this.onSubmit);
    this.unsubscribe = store.subscribe(
      (s) => s.imports,
      (imports, before) => {
        // Progress alone moves the bars (it changes many times a second); anything else draws the panel again.
        if (onlyProgressChanged(imports, before)) this.renderProgress(imports);
        else this.render();
      },
    );
    this.render();
  }

  destroy(): void {
    this.unsubscribe();
    this.bundledBox.removeEventListener('change', this.onBundled);
    this.body.removeEventListener('click', this.onClick);
    this.body.removeEventListener('submit', this.onSubmit);
    this.element.remove();
  }

  private get state(): ImportsState {
    return this.store.getState().imports;
  }

  private render(): void {
    const s = this.state;
    this.bundledBox.checked = s.includeBundled;
    this.progressBars.clear();
    const rows: HTMLElement[] = [];
    for (const p of s.pending) {
      const row = el('div', { class: 'import-pending', 'data-pending': String(p.id) });
      const bar = el('progress', { max: '1', value: String(p.progress), 'aria-label': `Importing ${p.name}` });
      this.progressBars.set(p.id, bar);
      row.append(
        el('span', { class: 'import-name' }, `Importing ${p.name}…`),
        bar,
        el('button', { type: 'button', 'data-action': 'cancel', 'data-id': String(p.id) }, 'Cancel'),
      );
      rows.push(row);
    }
    if (s.preparing && !s.pending.length && s.imports.length) {
      // Between the import's counts and the map drawn: the worker merges and builds the columns.
      const row = el('div', { class: 'import-preparing', role: 'status' });
      row.append(
        el('span', { class: 'import-name' }, 'Preparing the map…'),
        el('progress', { max: '1', 'aria-label': 'Preparing the map' }),
      );
      rows.push(row);
    }
    for (const f of s.failed) {
      const row = el('div', { class: 'import-failed', role: 'alert' });
      row.append(
        el('p', {}, f.message),
        el(
          'button',
          {
            type: 'button',
            'data-action': 'dismiss',
            'data-id': String(f.id),
            'aria-label': `Dismiss the message about ${f.name}`,
          },
          'Dismiss',
        ),
      );
      rows.push(row);
    }
    for (const imp of s.imports) rows.push(this.importRow(imp, s.conflicts.get(imp.key) ?? []));
    if (!rows.length)
      rows.push(
        el('p', { class: 'imports-empty' }, 'Drop GeoJSON, ACLED or UCDP CSV files on the map, or use “Add data”.'),
      );
    this.body.replaceChildren(...rows);
  }

  /** Updates the progress bars without rebuilding the panel. */
  private renderProgress(s: ImportsState): void {
    for (const p of s.pending) {
      const bar = this.progressBars.get(p.id);
      if (bar) bar.value = p.progress;
    }
  }

  private importRow(imp: LoadedImport, conflicts: ImportIssue[]): HTMLElement {
    const r = imp.result;
    const row = el('article', { class: 'import-file', 'data-import': imp.key });
    const rejected = r.rejected + conflicts.length;
    row.append(
      el('h3', { class: 'import-name' }, r.file),
      el(
        'p',
        { class: 'import-counts' },
        `${FORMAT_LABELS[r.format] ?? r.format}: ${r.loaded - conflicts.length} loaded, ${rejected} rejected`,
      ),
    );
    const issues = [...r.issues, ...conflicts];
    if (issues.length) {
      const details = el('details', { class: 'import-report' });
      details.append(el('summary', {}, `Report: ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}`));
      const list = el('ol', { class: 'import-issues' });
      for (const issue of issues.slice(0, SHOWN_ISSUES))
        list.append(el('li', { class: `import-issue import-${issue.severity}` }, describeIssue(issue)));
      details.append(list);
      if (issues.length > SHOWN_ISSUES)
        details.append(el('p', {}, `First ${SHOWN_ISSUES} shown; the download has all ${issues.length}.`));
      row.append(details);
    }
    const actions = el('div', { class: 'import-actions' });
    actions.append(
      el('button', { type: 'button', 'data-action': 'download', 'data-key': imp.key }, 'Download report'),
      el(
        'button',
        { type: 'button', 'data-action': 'remove', 'data-key': imp.key, 'aria-label': `Remove ${r.file} from the map` },
        'Remove',
      ),
    );
    row.append(actions);
    if (r.mapping && r.fields) row.append(mappingForm(imp.key, r.mapping, r.fields, r.format === 'csv'));
    return row;
  }

  private readonly onBundled = (): void => this.controller.setIncludeBundled(this.bundledBox.checked);

  private readonly onClick = (e: MouseEvent): void => {
    const b = (e.target as HTMLElement).closest('button[data-action]');
    if (!b) return;
    const action = b.getAttribute('data-action');
    const key = b.getAttribute('data-key') ?? '';
    const id = Number(b.getAttribute('data-id'));
    if (action === 'cancel') this.controller.cancel(id);
    else if (action === 'dismiss') this.controller.dismissFailure(id);
    else if (action === 'remove') this.controller.remove(key);
    else if (action === 'download') this.download(key);
  };

  private readonly onSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const key = form.getAttribute('data-key') ?? '';
    const data = new FormData(form);
    // Start from the mapping in use (it may map figures the form doesn't show), then apply the form.
    const fields: FieldMapping['fields'] = {
      ...this.state.imports.find((i) => i.key === key)?.result.mapping?.fields,
    };
    for (const { target } of MAPPED_TARGETS) {
      const v = data.get(target);
      if (v === null) continue;
      if (typeof v === 'string' && v) fields[target] = v;
      else delete fields[target];
    }
    const defaultLayer = (data.get('defaultLayer') as LayerKind | null) ?? 'strike';
    void this.controller.remap(key, { fields, defaultLayer });
  };

  private download(key: string): void {
    const imp = this.state.imports.find((i) => i.key === key);
    if (!imp) return;
    const conflicts = this.state.conflicts.get(key) ?? [];
    const csv = reportToCsv({ ...imp.result, issues: [...imp.result.issues, ...conflicts] });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = el('a', { href: url, download: `${imp.result.file}.report.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/** "line 5, field killed: expected a number…" */
export function describeIssue(i: ImportIssue): string {
  const where = i.line !== undefined ? `line ${i.line}` : i.index !== undefined ? `feature ${i.index}` : 'file';
  const id = i.featureId ? ` (${i.featureId})` : '';
  // Most reasons already start "field X: …": don't say it twice.
  const field = i.field && !i.reason.startsWith(`field ${i.field}`) ? `, field ${i.field}` : '';
  return `${i.severity === 'warning' ? 'Warning — ' : ''}${where}${id}${field}: ${i.reason}`;
}

function mappingForm(key: string, mapping: FieldMapping, fields: string[], csv: boolean): HTMLElement {
  const details = el('details', { class: 'import-mapping' });
  if (!mapping.fields.start) details.setAttribute('open', '');
  details.append(el('summary', {}, 'Fields used (guessed — correct them here)'));
  const form = el('form', { 'data-key': key, class: 'mapping-form' });
  for (const { target, label, csvOnly } of MAPPED_TARGETS) {
    if (csvOnly && !csv) continue;
    const id = `map-${key}-${target}`;
    const select = el('select', { id, name: target });
    select.append(el('option', { value: '' }, '(none)'));
    for (const f of fields) {
      const o = el('option', { value: f }, f);
      if (mapping.fields[target] === f) o.selected = true;
      select.append(o);
    }
    form.append(el('label', { for: id }, label), select);
  }
  const layerId = `map-${key}-layer`;
  const layer = el('select', { id: layerId, name: 'defaultLayer' });
  for (const k of ['strike', 'facility', 'deployment'] as const) {
    const o = el('option', { value: k }, k);
    if (mapping.defaultLayer === k) o.selected = true;
    layer.append(o);
  }
  form.append(el('label', { for: layerId }, 'Draw as'), layer, el('button', { type: 'submit' }, 'Apply these fields'));
  details.append(form);
  return details;
}
