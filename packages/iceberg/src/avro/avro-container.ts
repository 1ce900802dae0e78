/**
 * Avro object container files (Avro spec "Object Container Files"): header
 * with metadata and schema, then blocks separated by a 16-byte sync marker.
 * Codecs `null` and `deflate` (raw RFC 1951, via the web-standard
 * CompressionStream), which every Iceberg reader accepts.
 */
import { IcebergError } from '../errors.ts';
import { ByteReader, ByteWriter, decodeValue, encodeValue } from './avro-binary.ts';
import { type AvroSchemaJson, compileAvroSchema } from './avro-schema.ts';

/** The block codec. Java writes `deflate` by default (`write.avro.compression-codec=gzip`). */
export type AvroCodec = 'null' | 'deflate';

const MAGIC = Uint8Array.of(0x4f, 0x62, 0x6a, 0x01);
const RECORDS_PER_BLOCK = 4096;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/**
 * Inflates a raw deflate block. Some writers (PyIceberg among them) leave
 * bytes after the final deflate block, which DecompressionStream reports as
 * "trailing junk" after it has produced all the data; that output is kept —
 * a short block would still fail when its records are decoded.
 */
async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } catch (e) {
    if (chunks.length === 0) throw e;
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Options of `writeAvroContainer`. */
export interface AvroWriteOptions {
  readonly codec?: AvroCodec;
  /** File metadata besides `avro.schema` and `avro.codec` (Iceberg keys such as `partition-spec`). */
  readonly metadata?: Readonly<Record<string, string>>;
  /** The sync marker; random when absent. */
  readonly syncMarker?: Uint8Array;
}

/** Writes records as a complete Avro container file. */
export async function writeAvroContainer(
  schema: AvroSchemaJson,
  records: Iterable<unknown>,
  options: AvroWriteOptions = {},
): Promise<Uint8Array> {
  const codec = options.codec ?? 'deflate';
  const node = compileAvroSchema(schema);
  const sync = options.syncMarker ?? crypto.getRandomValues(new Uint8Array(16));
  const out = new ByteWriter();
  out.raw(MAGIC);
  const meta: [string, string][] = [
    ['avro.schema', JSON.stringify(schema)],
    ['avro.codec', codec],
    ...Object.entries(options.metadata ?? {}),
  ];
  out.long(meta.length);
  for (const [k, v] of meta) {
    out.string(k);
    out.bytes(encoder.encode(v));
  }
  out.long(0);
  out.raw(sync);
  let block = new ByteWriter();
  let count = 0;
  const flush = async () => {
    if (count === 0) return;
    const data =
      codec === 'deflate'
        ? await pipe(block.toBytes(), new CompressionStream('deflate-raw'))
        : block.toBytes();
    out.long(count);
    out.long(data.length);
    out.raw(data);
    out.raw(sync);
    block = new ByteWriter();
    count = 0;
  };
  for (const record of records) {
    encodeValue(node, record, block);
    if (++count >= RECORDS_PER_BLOCK) await flush();
  }
  await flush();
  return out.toBytes();
}

/** A read container file: its schema JSON, all metadata and the decoded records. */
export interface AvroContainer {
  readonly schema: AvroSchemaJson;
  readonly metadata: ReadonlyMap<string, string>;
  readonly records: unknown[];
}

/** Reads a whole Avro container file (codecs null and deflate). */
export async function readAvroContainer(bytes: Uint8Array): Promise<AvroContainer> {
  const input = new ByteReader(bytes);
  const magic = input.raw(4);
  if (!magic.every((b, i) => b === MAGIC[i])) {
    throw new IcebergError('invalid-argument', 'Not an Avro container file: bad magic bytes');
  }
  const metadata = new Map<string, string>();
  for (;;) {
    let count = Number(input.long());
    if (count === 0) break;
    if (count < 0) {
      count = -count;
      input.long();
    }
    for (let i = 0; i < count; i++) metadata.set(input.string(), decoder.decode(input.bytes()));
  }
  const sync = input.raw(16).slice();
  const schemaText = metadata.get('avro.schema');
  if (schemaText === undefined)
    throw new IcebergError('invalid-argument', 'Avro container file has no avro.schema');
  const schema = JSON.parse(schemaText) as AvroSchemaJson;
  const node = compileAvroSchema(schema);
  const codec = metadata.get('avro.codec') ?? 'null';
  if (codec !== 'null' && codec !== 'deflate') {
    throw new IcebergError(
      'unsupported',
      `Unsupported Avro codec '${codec}': only null and deflate are read`,
      { codec },
    );
  }
  const records: unknown[] = [];
  while (input.pos < bytes.length) {
    const count = Number(input.long());
    const size = Number(input.long());
    const raw = input.raw(size);
    const data = codec === 'deflate' ? await inflateRaw(raw) : raw;
    const block = new ByteReader(data);
    for (let i = 0; i < count; i++) records.push(decodeValue(node, block));
    const marker = input.raw(16);
    if (!marker.every((b, i) => b === sync[i])) {
      throw new IcebergError('invalid-argument', 'Invalid Avro container file: sync marker mismatch');
    }
  }
  return { schema, metadata, records };
}
