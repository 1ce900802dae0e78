/**
 * Rollups on disk, one file per table under the engine's cache directory,
 * so a restart loads them instead of rebuilding them from the tables. Each
 * file records the snapshot its rollups cover; the engine checks that this
 * snapshot is still an ancestor of the table's current one (else it rebuilds)
 * and folds in only the appends since.
 *
 * Layout: `ANRU`, a u32 format version, a u32 header length, the header
 * (JSON: snapshot id as a decimal string, the table, string lists, and each
 * typed array's name, type, offset and length), zero padding to 8 bytes,
 * then the arrays, each starting at a multiple of 8 bytes. Written to a
 * temporary file and renamed, so a crash never leaves a torn file behind.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type RollupSections, TableRollups } from './rollups.ts';

const MAGIC = 0x55524e41; // "ANRU" little-endian
/** Bump when the layout or the meaning of a section changes: older files are then ignored. */
export const ROLLUP_FILE_VERSION = 2;

const TYPES = {
  i32: Int32Array,
  u32: Uint32Array,
  f64: Float64Array,
  u8: Uint8Array,
} as const;
type TypeName = keyof typeof TYPES;

interface Header {
  readonly table: string;
  readonly snapshotId: string | null;
  readonly strings: Record<string, readonly string[]>;
  readonly arrays: readonly { name: string; type: TypeName; offset: number; length: number }[];
}

/** What a rollup file holds. */
export interface SavedRollups {
  readonly table: string;
  /** The snapshot whose data (and its ancestors') the rollups cover; null for an empty table. */
  readonly snapshotId: bigint | null;
  readonly rollups: TableRollups;
}

/** The file of `table` (a qualified name) under `dir`. */
export function rollupFilePath(dir: string, table: string): string {
  return join(dir, `${encodeURIComponent(table)}.rollups`);
}

function typeName(view: ArrayBufferView): TypeName {
  if (view instanceof Int32Array) return 'i32';
  if (view instanceof Uint32Array) return 'u32';
  if (view instanceof Float64Array) return 'f64';
  if (view instanceof Uint8Array) return 'u8';
  throw new Error(`rollup state has an array of unsupported type ${view.constructor.name}`);
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

/** Write `rollups` (covering `snapshotId`) for `table` under `dir`, atomically. */
export async function saveRollups(
  dir: string,
  table: string,
  snapshotId: bigint | null,
  rollups: TableRollups,
): Promise<void> {
  const sections: RollupSections = rollups.toSections();
  const arrays: { name: string; type: TypeName; offset: number; length: number }[] = [];
  const bodies: Uint8Array[] = [];
  let offset = 0;
  for (const [name, view] of Object.entries(sections.arrays)) {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    const type = typeName(view);
    arrays.push({ name, type, offset, length: view.byteLength / TYPES[type].BYTES_PER_ELEMENT });
    bodies.push(bytes, new Uint8Array(pad8(bytes.byteLength)));
    offset += bytes.byteLength + pad8(bytes.byteLength);
  }
  const header: Header = {
    table,
    snapshotId: snapshotId?.toString() ?? null,
    strings: sections.strings,
    arrays,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const prefix = new Uint8Array(12);
  const view = new DataView(prefix.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, ROLLUP_FILE_VERSION, true);
  view.setUint32(8, json.byteLength, true);
  await mkdir(dir, { recursive: true });
  const path = rollupFilePath(dir, table);
  const tmp = `${path}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    // The arrays are written from the live state without a copy; the engine
    // saves inside its refresh, so nothing changes them meanwhile.
    await handle.writev([prefix, json, new Uint8Array(pad8(12 + json.byteLength)), ...bodies]);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

/**
 * The saved rollups of `table` under `dir`, or undefined when there is no
 * usable file (none, another format version, another table, or unreadable:
 * the caller then rebuilds from the table).
 */
export async function loadRollups(dir: string, table: string): Promise<SavedRollups | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(rollupFilePath(dir, table));
  } catch {
    return undefined;
  }
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== ROLLUP_FILE_VERSION)
      return undefined;
    const length = view.getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as Header;
    if (header.table !== table) return undefined;
    const base = 12 + length + pad8(12 + length);
    const arrays: Record<string, ArrayBufferView> = {};
    for (const a of header.arrays) {
      const type = TYPES[a.type];
      const start = base + a.offset;
      const end = start + a.length * type.BYTES_PER_ELEMENT;
      if (end > bytes.byteLength) throw new Error(`section ${a.name} runs past the end of the file`);
      // A copy: aligned, and owned by the rollups (they grow and change it).
      const copy = new Uint8Array(end - start);
      copy.set(bytes.subarray(start, end));
      arrays[a.name] = new type(copy.buffer);
    }
    return {
      table,
      snapshotId: header.snapshotId === null ? null : BigInt(header.snapshotId),
      rollups: TableRollups.fromSections({ strings: header.strings, arrays }),
    };
  } catch (e) {
    console.warn(`ignoring unreadable rollup file of ${table}: ${String(e)}`);
    return undefined;
  }
}

/** Remove the saved rollups of `table` (e.g. when they no longer match the table). */
export async function removeRollups(dir: string, table: string): Promise<void> {
  await rm(rollupFilePath(dir, table), { force: true });
}
