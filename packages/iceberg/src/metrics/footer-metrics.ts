/**
 * What only the written file knows: compressed bytes per column chunk and
 * row-group offsets, read back from the Parquet footer with hyparquet.
 */
import { type FileMetaData, parquetMetadata } from 'hyparquet';

/** Column sizes by field id and row-group start offsets of one Parquet file. */
export interface FooterMetrics {
  readonly rowCount: bigint;
  /** Sum of `total_compressed_size` over the row groups, per leaf field id (spec: `column_sizes`). */
  readonly columnSizes: Map<number, bigint>;
  /** Start of each row group, ascending (spec: `split_offsets`). */
  readonly splitOffsets: bigint[];
  /** Leaf column paths (`a.list.element`) by field id, from the file's own schema. */
  readonly leafPaths: Map<number, string>;
}

/** Maps each leaf column path of a Parquet schema to its field id. */
export function leafFieldIds(metadata: FileMetaData): Map<string, number> {
  const out = new Map<string, number>();
  const schema = metadata.schema;
  let next = 1; // element 0 is the root
  const walk = (prefix: string[]): void => {
    const el = schema[next++];
    if (!el) return;
    const path = [...prefix, el.name];
    if (el.num_children) {
      for (let i = 0; i < el.num_children; i++) walk(path);
    } else if (el.field_id !== undefined) {
      out.set(path.join('.'), el.field_id);
    }
  };
  const top = schema[0]?.num_children ?? 0;
  for (let i = 0; i < top; i++) walk([]);
  return out;
}

/** Reads the footer of a complete Parquet file held in memory. */
export function footerMetrics(file: Uint8Array): FooterMetrics {
  // Only the footer is parsed, so only the footer (and its 8-byte trailer) is copied out.
  const footerLength = new DataView(file.buffer, file.byteOffset + file.byteLength - 8, 4).getUint32(0, true);
  const start = file.byteOffset + file.byteLength - footerLength - 8;
  const metadata = parquetMetadata(
    file.buffer.slice(start, file.byteOffset + file.byteLength) as ArrayBuffer,
  );
  const ids = leafFieldIds(metadata);
  const columnSizes = new Map<number, bigint>();
  const splitOffsets: bigint[] = [];
  for (const rg of metadata.row_groups) {
    const first = rg.columns[0]?.meta_data;
    if (first) splitOffsets.push(first.dictionary_page_offset ?? first.data_page_offset);
    for (const chunk of rg.columns) {
      const md = chunk.meta_data;
      if (!md) continue;
      const id = ids.get(md.path_in_schema.join('.'));
      if (id === undefined) continue;
      columnSizes.set(id, (columnSizes.get(id) ?? 0n) + md.total_compressed_size);
    }
  }
  splitOffsets.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const leafPaths = new Map([...ids].map(([path, id]) => [id, path]));
  return { rowCount: metadata.num_rows, columnSizes, splitOffsets, leafPaths };
}
