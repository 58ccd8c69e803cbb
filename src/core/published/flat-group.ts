// One row group's flat columns decoded page by page with hyparquet's own page readers, straight into the reader's column arrays: no Dremel assembly, no array per page.
import { parquetSchema, type FileMetaData, type SchemaTree } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { convert, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { getTreePath, isFlatColumn } from 'hyparquet/src/schema.js';
import type { ColumnDecoder, DecodedArray } from 'hyparquet/src/types.js';

/** A column's output: numbers (NaN for NULL), or text and booleans (null for NULL). */
export type FlatOut = Float64Array | (string | boolean | null)[];

/** Where a chunk's bytes come from (hyparquet's AsyncBuffer, or the whole file). */
type Bytes = { slice(start: number, end?: number): ArrayBuffer | Promise<ArrayBuffer> } | ArrayBuffer;

const trees = new WeakMap<FileMetaData, SchemaTree>();
const treeOf = (md: FileMetaData): SchemaTree => {
  let t = trees.get(md);
  if (!t) {
    t = parquetSchema(md);
    trees.set(md, t);
  }
  return t;
};

/** The index of the row group that starts at `rowStart` and holds `rows` rows, or -1. */
function groupIndexOf(md: FileMetaData, rowStart: number, rows: number): number {
  let at = 0;
  for (let i = 0; i < md.row_groups.length; i++) {
    const n = Number(md.row_groups[i].num_rows);
    if (at === rowStart) return n === rows ? i : -1;
    if (at > rowStart) return -1;
    at += n;
  }
  return -1;
}

/**
 * Decodes the columns `names` of the row group [rowStart, rowStart + rows) into `out` (one array
 * per name, made by the caller), returning false — having written nothing — when this path does
 * not apply: the rows are not exactly one row group, or a column is nested or repeated (then
 * parquetRead assembles it).
 *
 * A published file's columns are flat (one optional or required value a row). hyparquet's general
 * read assembles every page through its Dremel list assembly (`assembleLists`), even a flat
 * optional column with no NULL, into a new array a page, which the caller then copies: here each
 * page's values go straight to their rows, a dictionary page's strings decoded once and its
 * indices looked up into the output. The pages are read with hyparquet's own functions (header,
 * decompression, levels, plain and dictionary values, type conversion), so every encoding and
 * codec it reads is read the same way.
 */
export async function readFlatGroup(
  file: Bytes,
  md: FileMetaData,
  g: { rowStart: number; rows: number },
  names: readonly string[],
  out: Record<string, FlatOut>,
): Promise<boolean> {
  const gi = groupIndexOf(md, g.rowStart, g.rows);
  if (gi < 0) return false;
  const tree = treeOf(md);
  const chunks = [];
  for (const chunk of md.row_groups[gi].columns) {
    const meta = chunk.meta_data;
    if (!meta || chunk.file_path) return false;
    if (!names.includes(meta.path_in_schema[0])) continue;
    const schemaPath = getTreePath(tree, meta.path_in_schema);
    if (!isFlatColumn(schemaPath) || meta.path_in_schema.length !== 1) return false;
    const decoder: ColumnDecoder = {
      pathInSchema: meta.path_in_schema,
      element: schemaPath[1].element,
      schemaPath,
      type: meta.type,
      codec: meta.codec,
      parsers: DEFAULT_PARSERS,
    };
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
    chunks.push({ name: meta.path_in_schema[0], decoder, start, end: start + Number(meta.total_compressed_size) });
  }
  const buffers = await Promise.all(
    chunks.map((c) => (file instanceof ArrayBuffer ? file.slice(c.start, c.end) : file.slice(c.start, c.end))),
  );
  chunks.forEach((c, i) => {
    const o = out[c.name];
    if (o) readChunk(buffers[i], c.decoder, g.rows, o, c.name);
  });
  return true;
}

/** Every page of one column chunk into `out`'s rows 0…rows-1. */
function readChunk(buffer: ArrayBuffer, decoder: ColumnDecoder, rows: number, out: FlatOut, name: string): void {
  const reader = { view: new DataView(buffer), offset: 0 };
  const numeric = out instanceof Float64Array;
  const maxDef = decoder.element.repetition_type === 'REQUIRED' ? 0 : 1;
  let dictionary: DecodedArray | undefined;
  let row = 0;
  while (row < rows && reader.offset < reader.view.byteLength - 1) {
    const header = parquetHeader(reader);
    const bytes = new Uint8Array(buffer, reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    let levels: number[] | undefined;
    let values: DecodedArray;
    let encoding: string;
    let count: number;
    if (header.type === 'DICTIONARY_PAGE') {
      const page = decompressPage(bytes, header.uncompressed_page_size, decoder.codec, undefined);
      const r = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
      const n = header.dictionary_page_header?.num_values ?? 0;
      dictionary = convert(readPlain(r, decoder.type, n, decoder.element.type_length), decoder);
      continue;
    }
    if (header.type === 'DATA_PAGE' && header.data_page_header) {
      const page = decompressPage(bytes, header.uncompressed_page_size, decoder.codec, undefined);
      const p = readDataPage(page, header.data_page_header, decoder);
      [levels, values, encoding, count] = [
        p.definitionLevels,
        p.dataPage,
        header.data_page_header.encoding,
        header.data_page_header.num_values,
      ];
    } else if (header.type === 'DATA_PAGE_V2' && header.data_page_header_v2) {
      const p = readDataPageV2(bytes, header, decoder);
      [levels, values, encoding, count] = [
        p.definitionLevels,
        p.dataPage,
        header.data_page_header_v2.encoding,
        header.data_page_header_v2.num_values,
      ];
    } else continue; // an index page: nothing to read
    const lookUp = !!dictionary && encoding.endsWith('_DICTIONARY');
    if (!lookUp) values = convert(values, decoder);
    if (row + count > rows) throw new Error(`column "${name}": its pages hold more than the row group's ${rows} rows`);
    const dict = dictionary as DecodedArray;
    const withNulls = maxDef > 0 && !!levels?.length;
    let v = 0;
    for (let i = 0; i < count; i++, row++) {
      if (withNulls && (levels as number[])[i] !== maxDef) {
        out[row] = numeric ? Number.NaN : null;
        continue;
      }
      const x = (lookUp ? dict[values[v++] as number] : values[v++]) as unknown;
      if (numeric) (out as Float64Array)[row] = x === null || x === undefined ? Number.NaN : Number(x);
      else (out as (string | boolean | null)[])[row] = (x ?? null) as string | boolean | null;
    }
  }
  if (row !== rows) throw new Error(`column "${name}": its pages hold ${row} of the row group's ${rows} rows`);
}
