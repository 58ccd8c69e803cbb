// One file's import fed text in chunks: detects the format from the first MB, then streams CSV rows or GeoJSON features.
import { acledRows } from '../acled';
import { ResultBuilder, type FeatureSink } from '../builder';
import type { CsvRecord } from '../csv';
import { csvTable, genericCsvRows, type CsvTable, type RowImporter } from '../csv-import';
import { detectFormat } from '../detect';
import { checkFileSize } from '../../schema/limits';
import type { FieldMapping, ImportResult } from '../types';
import { ucdpRows } from '../ucdp';
import { CsvRecordStream } from './csv-records';
import { GeoJsonFeatureStream } from './json-features';
import { GeoJsonStreamImport } from './geojson-stream-import';

/** Text held before the format is decided (detection reads the first record, up to 1 MB). */
const DETECT_CHARS = 1 << 20;

/**
 * Usage: `push(text)` for each decoded chunk, then `end()` for the result. Nothing keeps the
 * file's text: a CSV row or a GeoJSON feature is imported as soon as it is complete and its text
 * dropped. `done` turns true as soon as the result is known without reading further (a file
 * that is not data, or too big to hold): the caller may stop reading then.
 *
 * `fileBytes`, when given, is checked against the memory the rows would need (checkFileSize)
 * once the first MB shows how big a record is — before the rest is read.
 */
export class ImportSession {
  private head = '';
  private started = false;
  private result: ImportResult | null = null;
  private b: ResultBuilder | null = null;
  // CSV
  private csv: CsvRecordStream | null = null;
  private table: CsvTable | null = null;
  private rows: RowImporter | null = null;
  private rowIndex = 0;
  private readonly records: CsvRecord[] = [];
  private format: 'acled' | 'ucdp' | 'csv' = 'csv';
  // GeoJSON
  private json: GeoJsonFeatureStream | null = null;
  private geo: GeoJsonStreamImport | null = null;

  /** `sink`: where accepted features go instead of the result's `features` (see FeatureSink). */
  constructor(
    readonly fileName: string,
    private readonly mapping?: FieldMapping,
    private readonly fileBytes?: number,
    private readonly sink?: FeatureSink,
    /** The file's byte offset of the first character pushed (3 after a BOM the decoder dropped): CSV records then carry their byte ranges. */
    private readonly startByte: number | null = null,
  ) {}

  /** A CSV file's header and keys (null until read, and for other formats). */
  get csvTable(): CsvTable | null {
    return this.table;
  }

  /** True once the result is known (fatal) and more text would change nothing. */
  get done(): boolean {
    return this.result !== null;
  }

  push(text: string): void {
    if (this.result) return;
    if (!this.started) {
      this.head += text;
      if (this.head.length < DETECT_CHARS) return;
      this.start();
      return;
    }
    this.feed(text);
  }

  end(): ImportResult {
    if (this.result) return this.result;
    if (!this.started) {
      this.start();
      if (this.result) return this.result;
    }
    if (this.json && this.geo) return this.settle(this.geo.finish(this.json.end()));
    if (this.csv) {
      this.csv.end(this.records);
      if (this.table) this.table.unterminatedLine = this.csv.unterminatedLine;
      this.drain();
      if (this.result) return this.result;
      if (!this.table)
        return this.settle(new ResultBuilder(this.fileName, this.format).fatal('The file has no header line.'));
      if (this.rows) {
        if (this.rowIndex === 0)
          (this.b as ResultBuilder).issue({}, 'The file has a header but no data rows.', 'warning');
        return this.settle(this.rows.finish());
      }
    }
    return this.settle(new ResultBuilder(this.fileName, 'unknown').fatal('The file could not be read.'));
  }

  /** Keeps the result (later calls return it) and returns it. */
  private settle(result: ImportResult): ImportResult {
    this.result = result;
    return result;
  }

  /** Decides the format from the text held so far, then feeds it. */
  private start(): void {
    this.started = true;
    const head = this.head;
    this.head = '';
    if (this.fileBytes !== undefined) {
      const tooBig = checkFileSize(this.fileBytes, head);
      if (tooBig) {
        this.result = new ResultBuilder(this.fileName, 'unknown').fatal(tooBig);
        return;
      }
    }
    const detected = detectFormat(head, this.fileName);
    if (detected.format === 'unknown') {
      this.result = new ResultBuilder(this.fileName, 'unknown').fatal(detected.message);
      return;
    }
    // With byte ranges tracked, the sink (ImportRowsBuilder) keeps a CSV row's record in the file.
    this.b = new ResultBuilder(
      this.fileName,
      detected.format,
      this.sink,
      this.sink !== undefined && this.startByte !== null,
    );
    if (detected.format === 'geojson') {
      const geo = new GeoJsonStreamImport(this.b, this.mapping);
      this.geo = geo;
      this.json = new GeoJsonFeatureStream((value, index) => geo.feature(value, index));
    } else {
      this.format = detected.format;
      this.csv = new CsvRecordStream(detected.delimiter, this.startByte);
    }
    this.feed(head);
  }

  private feed(text: string): void {
    if (this.json) this.json.push(text);
    else if (this.csv) {
      this.csv.push(text, this.records);
      this.drain();
    }
  }

  /** Imports the complete CSV records read so far. */
  private drain(): void {
    const records = this.records;
    const b = this.b as ResultBuilder;
    let k = 0;
    if (!this.table && records.length) {
      this.table = csvTable(records[0], (this.csv as CsvRecordStream).delimiter, b);
      k = 1;
      if (!this.table) {
        this.result = { ...b.result(), fatal: b.issues[b.issues.length - 1]?.reason ?? 'The file could not be read.' };
        records.length = 0;
        return;
      }
      const made =
        this.format === 'acled'
          ? acledRows(this.table, b)
          : this.format === 'ucdp'
            ? ucdpRows(this.table, b)
            : genericCsvRows(this.table, b, this.mapping);
      if (!('row' in made)) {
        this.result = made;
        records.length = 0;
        return;
      }
      this.rows = made;
    }
    const rows = this.rows;
    if (rows) for (; k < records.length; k++) rows.row(records[k], this.rowIndex++);
    records.length = 0;
  }
}
