/**
 * One sequence of R2 operations whose observable results must be the same on
 * MemoryBucket and on a real (Miniflare) R2 binding: conditional puts, ranges,
 * conditional gets, delimited list pages, startAfter, multipart rules, deletes.
 */
import type { R2BucketLike, R2ObjectLike } from '../../src/server/r2-bucket-like.ts';

const MiB = 1024 * 1024;

export async function scenario(bucket: R2BucketLike): Promise<unknown[]> {
  const out: unknown[] = [];
  const meta = (o: R2ObjectLike | null) =>
    o ? { key: o.key, size: o.size, etag: o.etag, httpEtag: o.httpEtag } : null;
  const outcome = async (f: () => Promise<unknown>) => {
    try {
      return { ok: await f() };
    } catch {
      return 'threw';
    }
  };
  const first = await bucket.put('o/a', 'hello world');
  out.push(meta(first));
  out.push(meta(await bucket.put('o/a', 'again', { onlyIf: new Headers({ 'if-none-match': '*' }) })));
  out.push(meta(await bucket.put('o/new', 'new', { onlyIf: new Headers({ 'if-none-match': '*' }) })));
  out.push(meta(await bucket.put('o/a', 'x', { onlyIf: new Headers({ 'if-match': '"0000"' }) })));
  out.push(
    meta(
      await bucket.put('o/a', 'hello world!', {
        onlyIf: new Headers({ 'if-match': first?.httpEtag as string }),
      }),
    ),
  );
  out.push(
    meta(
      await bucket.put('o/absent', 'x', { onlyIf: new Headers({ 'if-match': first?.httpEtag as string }) }),
    ),
  );
  for (const range of [{ offset: 1, length: 3 }, { offset: 6 }, { suffix: 4 }, { suffix: 100 }]) {
    const got = await bucket.get('o/a', { range });
    out.push([range, got && 'body' in got ? new TextDecoder().decode(await got.arrayBuffer()) : 'no body']);
  }
  out.push(await outcome(async () => (await bucket.get('o/a', { range: { offset: 50 } })) !== null));
  const current = await bucket.head('o/a');
  const conditional = await bucket.get('o/a', {
    onlyIf: new Headers({ 'if-none-match': current?.httpEtag as string }),
  });
  out.push([
    'conditional get has body',
    conditional !== null && 'body' in conditional && conditional.body !== undefined,
  ]);
  out.push(await bucket.get('o/missing'));

  for (const k of ['l/a/1', 'l/a/2', 'l/b', 'l/c/1', 'l/c/2', 'l/d', 'l/e']) await bucket.put(k, 'x');
  const pages: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: 'l/', delimiter: '/', limit: 2, ...(cursor ? { cursor } : {}) });
    pages.push([page.objects.map((o) => o.key), page.delimitedPrefixes]);
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  out.push(pages);
  const flat: unknown[] = [];
  cursor = undefined;
  do {
    const page = await bucket.list({
      prefix: 'l/',
      startAfter: 'l/a/1',
      limit: 3,
      ...(cursor ? { cursor } : {}),
    });
    flat.push([page.objects.map((o) => [o.key, o.size]), page.truncated]);
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  out.push(flat);
  const after = await bucket.list({ prefix: 'l/', startAfter: 'l/b' });
  out.push(after.objects.map((o) => o.key));

  const upload = await bucket.createMultipartUpload('m/big');
  const p1 = await upload.uploadPart(1, new Uint8Array(5 * MiB).fill(1));
  const p2 = await upload.uploadPart(2, new Uint8Array(5 * MiB).fill(2));
  const p3 = await upload.uploadPart(3, new Uint8Array(1000).fill(3));
  const done = await upload.complete([p1, p2, p3]);
  out.push([done.size, done.etag.replace(/^[0-9a-f]{32}/, '<md5>')]);
  const uneven = await bucket.createMultipartUpload('m/uneven');
  const u1 = await uneven.uploadPart(1, new Uint8Array(5 * MiB + 1));
  const u2 = await uneven.uploadPart(2, new Uint8Array(5 * MiB));
  const u3 = await uneven.uploadPart(3, new Uint8Array(10));
  out.push(await outcome(() => uneven.complete([u1, u2, u3])));
  const small = await bucket.createMultipartUpload('m/small');
  const s1 = await small.uploadPart(1, new Uint8Array(100));
  const s2 = await small.uploadPart(2, new Uint8Array(10));
  out.push(await outcome(() => small.complete([s1, s2])));
  const aborted = await bucket.createMultipartUpload('m/aborted');
  const a1 = await aborted.uploadPart(1, new Uint8Array(10));
  await aborted.abort();
  out.push(await outcome(() => bucket.resumeMultipartUpload('m/aborted', aborted.uploadId).complete([a1])));

  out.push(await outcome(() => bucket.put('k'.repeat(1025), 'x')));
  out.push(meta(await bucket.put('k'.repeat(1024), 'x')));
  await bucket.delete(['o/a', 'o/new', 'never', 'k'.repeat(1024)]);
  out.push((await bucket.list({ prefix: 'o/' })).objects.map((o) => o.key));
  return out;
}
