// The import report as text (CLI, download) and as CSV: counts, layers, mapping and every issue.
import type { ImportIssue, ImportResult } from './types';

const FORMAT_LABELS: Record<ImportResult['format'], string> = {
  geojson: 'GeoJSON',
  acled: 'ACLED CSV',
  ucdp: 'UCDP GED CSV',
  csv: 'CSV with latitude/longitude columns',
  unknown: 'not recognised',
};

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** Where an issue is: `line 7`, `feature 3 (id "x")`, or `file`. */
export function issueLocation(issue: ImportIssue): string {
  const id = issue.featureId !== undefined ? ` (id ${JSON.stringify(issue.featureId.slice(0, 80))})` : '';
  if (issue.line !== undefined) return `line ${issue.line}${id}`;
  if (issue.index !== undefined) return `feature ${issue.index}${id}`;
  return 'file';
}

/** The report of one file, as printed by the CLI and offered for download by the UI. */
export function formatReport(result: ImportResult): string {
  const out: string[] = [];
  const mode =
    result.format === 'geojson' && result.mode ? (result.mode === 'schema' ? ' (our schema)' : ' (fields mapped)') : '';
  out.push(`File: ${result.file}`);
  out.push(`Format: ${FORMAT_LABELS[result.format]}${mode}`);
  if (result.fatal) out.push(`Not loaded: ${result.fatal}`);
  out.push(`Loaded ${plural(result.loaded, 'feature')}, rejected ${result.rejected.toLocaleString('en-US')}.`);
  if (result.layers.length) {
    out.push('Layers:');
    for (const l of result.layers) out.push(`  ${l.label} (${l.layer}): ${l.count.toLocaleString('en-US')}`);
  }
  if (result.mapping) {
    const pairs = Object.entries(result.mapping.fields).map(
      ([target, field]) => `${target} <- ${JSON.stringify(field)}`,
    );
    out.push(
      `Field mapping: ${pairs.length ? pairs.join(', ') : 'none'}; other features' layer: ${result.mapping.defaultLayer}`,
    );
  }
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  const warnings = result.issues.length - errors;
  if (result.issues.length) {
    out.push(`Problems (${plural(errors, 'error')}, ${plural(warnings, 'warning')}):`);
    for (const i of result.issues) out.push(`  ${issueLocation(i)}: ${i.severity}: ${i.reason}`);
  } else out.push('No problems found.');
  return `${out.join('\n')}\n`;
}

/** One line totalling several files' results. */
export function formatTotal(results: readonly ImportResult[]): string {
  const loaded = results.reduce((s, r) => s + r.loaded, 0);
  const rejected = results.reduce((s, r) => s + r.rejected, 0);
  const failed = results.filter((r) => r.fatal).length;
  return `Total: ${plural(results.length, 'file')}, ${loaded.toLocaleString('en-US')} loaded, ${rejected.toLocaleString('en-US')} rejected, ${plural(failed, 'file')} not readable.\n`;
}

/** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula gets a leading `'`. */
function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let t = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(t)) t = `'${t}`;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** Every issue of one or more results as CSV (RFC 4180, CRLF): file, index, line, feature_id, field, severity, reason. */
export function reportToCsv(results: ImportResult | readonly ImportResult[]): string {
  const list: readonly ImportResult[] = Array.isArray(results) ? results : [results as ImportResult];
  const lines = ['file,index,line,feature_id,field,severity,reason'];
  for (const r of list)
    for (const i of r.issues)
      lines.push(
        [
          cell(i.file),
          cell(i.index),
          cell(i.line),
          cell(i.featureId),
          cell(i.field),
          cell(i.severity),
          cell(i.reason),
        ].join(','),
      );
  return `${lines.join('\r\n')}\r\n`;
}
