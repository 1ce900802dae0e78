/**
 * The rows of one planned data file with its delete files applied (spec:
 * "Delete File Application"): rows at positions a position delete file names
 * for this file are dropped, and rows whose equality-field values equal a row
 * of an equality delete file (null equals null) are dropped.
 */
import { IcebergError } from '../errors.ts';
import { type FileIO, readFile } from '../io/locations.ts';
import { readParquetRows } from '../parquet/index.ts';
import { DELETE_FILE_PATH_ID, DELETE_POS_ID } from '../scan/delete-file-index.ts';
import type { FileScanTask } from '../scan/plan-files.ts';
import type { Schema } from '../spec/types.ts';

/** The schema of a position delete file (reserved field ids). */
export const POSITION_DELETE_SCHEMA: Schema = {
  schemaId: 0,
  fields: [
    { id: DELETE_FILE_PATH_ID, name: 'file_path', required: true, type: { type: 'string' } },
    { id: DELETE_POS_ID, name: 'pos', required: true, type: { type: 'long' } },
  ],
};

/** Decoded delete files shared by the tasks of one read (a delete file often applies to many data files). */
export type DeleteFileCache = Map<string, Promise<Record<string, unknown>[]>>;

function valueKey(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Uint8Array) return `b:${Array.from(v).join(',')}`;
  return `${typeof v}:${String(v)}`;
}

function rowKey(row: Record<string, unknown>, names: readonly string[]): string {
  return names.map((n) => valueKey(row[n])).join('\u0000');
}

function equalitySchema(schema: Schema, ids: readonly number[], path: string): Schema {
  const fields = ids.map((id) => {
    const f = schema.fields.find((x) => x.id === id);
    if (!f) {
      throw new IcebergError(
        'unsupported',
        `Equality delete file ${path} uses field id ${id}, which is not a top-level column of the schema read`,
        { file: path, fieldId: id },
      );
    }
    return f;
  });
  return { schemaId: schema.schemaId, fields };
}

/** Reads a task's data file and applies its delete files; `cache` shares decoded delete files across tasks. */
export async function readTaskRows(
  io: FileIO,
  task: FileScanTask,
  schema: Schema,
  cache: DeleteFileCache = new Map(),
): Promise<Record<string, unknown>[]> {
  const rows = readParquetRows(await readFile(io, task.file.filePath), schema);
  if (task.deletes.length === 0) return rows;
  const load = (path: string, fileSchema: Schema) => {
    const key = `${path}#${fileSchema.fields.map((f) => f.id).join(',')}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = readFile(io, path).then((bytes) => readParquetRows(bytes, fileSchema));
      cache.set(key, hit);
    }
    return hit;
  };
  const deletedPositions = new Set<number>();
  const equality: { names: string[]; keys: Set<string> }[] = [];
  for (const d of task.deletes) {
    if (d.file.content === 1) {
      for (const r of await load(d.file.filePath, POSITION_DELETE_SCHEMA)) {
        if (r.file_path === task.file.filePath) deletedPositions.add(Number(r.pos));
      }
    } else {
      const eqSchema = equalitySchema(schema, d.file.equalityIds ?? [], d.file.filePath);
      const names = eqSchema.fields.map((f) => f.name);
      const keys = new Set((await load(d.file.filePath, eqSchema)).map((r) => rowKey(r, names)));
      equality.push({ names, keys });
    }
  }
  return rows.filter(
    (row, pos) => !deletedPositions.has(pos) && !equality.some((e) => e.keys.has(rowKey(row, e.names))),
  );
}
