/**
 * The flexible checksums S3 clients attach (`x-amz-checksum-<algorithm>`,
 * base64 of the big-endian digest), checked against a decoded body.
 */
import { SigV4Error } from './sigv4-error.ts';

function crcTable(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const CRC32 = crcTable(0xedb88320);
const CRC32C = crcTable(0x82f63b78);

function crc(table: Uint32Array, data: Uint8Array): Uint8Array {
  let c = 0xffffffff;
  for (const byte of data) c = (table[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  c = (c ^ 0xffffffff) >>> 0;
  return new Uint8Array([c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff]);
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

async function digest(algorithm: string, data: Uint8Array): Promise<Uint8Array | undefined> {
  switch (algorithm) {
    case 'crc32':
      return crc(CRC32, data);
    case 'crc32c':
      return crc(CRC32C, data);
    case 'sha1':
      return new Uint8Array(await crypto.subtle.digest('SHA-1', data as Uint8Array<ArrayBuffer>));
    case 'sha256':
      return new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
    default:
      // crc64nvme and future algorithms: accepted unchecked.
      return undefined;
  }
}

/** Base64 checksum of `data` under an S3 checksum algorithm name (lower case), if we compute it. */
export async function checksumBase64(algorithm: string, data: Uint8Array): Promise<string | undefined> {
  const bytes = await digest(algorithm, data);
  return bytes ? toBase64(bytes) : undefined;
}

/**
 * Check every `x-amz-checksum-*` entry against the body; throws
 * `checksum-mismatch` naming the algorithm when one differs.
 */
export async function verifyChecksums(
  entries: Iterable<readonly [string, string]>,
  data: Uint8Array,
): Promise<void> {
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (
      !lower.startsWith('x-amz-checksum-') ||
      lower === 'x-amz-checksum-type' ||
      lower === 'x-amz-checksum-algorithm'
    ) {
      continue;
    }
    const algorithm = lower.slice('x-amz-checksum-'.length);
    const actual = await checksumBase64(algorithm, data);
    if (actual !== undefined && actual !== value.trim()) {
      throw new SigV4Error(
        'checksum-mismatch',
        `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum`,
        {
          algorithm,
          expected: value,
          actual,
        },
      );
    }
  }
}
