/**
 * Table metadata files: the Java naming `<NNNNN>-<uuid>.metadata.json`
 * (`.gz.metadata.json` when `write.metadata.compression-codec` is gzip), and
 * reading either form (gzip is also detected by its magic bytes).
 */
import { IcebergError } from '../errors.ts';
import { type FileIO, keyOf, readFile } from '../io/locations.ts';
import type { TableMetadata } from '../spec/table-metadata.ts';
import { parseTableMetadata, serializeTableMetadata } from '../spec/table-metadata-json.ts';

/** The table property choosing metadata compression: `none` or `gzip`. */
export const METADATA_COMPRESSION = 'write.metadata.compression-codec';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** The version number in a metadata file name (`00042-…` → 42, `v3.metadata.json` → 3), or -1. */
export function metadataVersion(location: string): number {
  const name = location.slice(location.lastIndexOf('/') + 1);
  const m = /^v?(\d+)[-.]/.exec(name);
  return m ? Number(m[1]) : -1;
}

/** The location of the next metadata file of a table. */
export function nextMetadataLocation(
  metadata: TableMetadata,
  previousLocation: string | undefined,
  uuid: string,
): string {
  const version = previousLocation === undefined ? 0 : metadataVersion(previousLocation) + 1;
  const gz = (metadata.properties[METADATA_COMPRESSION] ?? 'none').toLowerCase() === 'gzip';
  const dir =
    metadata.properties['write.metadata.path'] ?? `${metadata.location.replace(/\/$/, '')}/metadata`;
  return `${dir}/${String(version).padStart(5, '0')}-${uuid}${gz ? '.gz' : ''}.metadata.json`;
}

/** Writes metadata to `location` (never overwriting: metadata files are immutable). */
export async function writeMetadataFile(
  io: FileIO,
  location: string,
  metadata: TableMetadata,
): Promise<void> {
  const text = new TextEncoder().encode(serializeTableMetadata(metadata));
  const gz = location.endsWith('.gz.metadata.json') || location.endsWith('.metadata.json.gz');
  const body = gz ? await pipe(text, new CompressionStream('gzip')) : text;
  await io.store.put(keyOf(io, location), body, { ifNoneMatch: '*', contentType: 'application/json' });
}

/** Reads and parses a metadata file, gzip or plain. */
export async function readMetadataFile(io: FileIO, location: string): Promise<TableMetadata> {
  const bytes = await readFile(io, location);
  const text =
    bytes[0] === 0x1f && bytes[1] === 0x8b ? await pipe(bytes, new DecompressionStream('gzip')) : bytes;
  try {
    return parseTableMetadata(new TextDecoder().decode(text));
  } catch (e) {
    if (e instanceof IcebergError) {
      throw new IcebergError(
        e.kind,
        `${e.message} (in ${location})`,
        { ...e.context, location },
        { cause: e },
      );
    }
    throw e;
  }
}
