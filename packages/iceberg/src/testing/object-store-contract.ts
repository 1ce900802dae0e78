/**
 * The contract every `ObjectStore` adapter passes (memory and filesystem in
 * Node, R2 in workerd, S3 over HTTP). Call it inside a test file:
 * `objectStoreContract('memory', async () => new MemoryStore())`.
 * Each test gets a fresh key prefix, so one store may serve all tests.
 */
import { describe, expect, it } from 'vitest';
import { isIcebergError } from '../errors.ts';
import type { ObjectInfo, ObjectStore } from '../io/storage.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b));

async function collect(it: AsyncIterable<ObjectInfo>): Promise<ObjectInfo[]> {
  const out: ObjectInfo[] = [];
  for await (const o of it) out.push(o);
  return out;
}

async function rejectsWithKind(p: Promise<unknown>, kind: string): Promise<void> {
  let error: unknown;
  try {
    await p;
  } catch (e) {
    error = e;
  }
  expect(isIcebergError(error) && error.kind).toBe(kind);
}

let counter = 0;

/** Registers the contract tests for one adapter. `makeStore` may return the same store every time. */
export function objectStoreContract(name: string, makeStore: () => Promise<ObjectStore>): void {
  const fresh = async () => ({
    store: await makeStore(),
    p: `contract-${Date.now().toString(36)}-${counter++}/`,
  });

  describe(`ObjectStore contract: ${name}`, () => {
    it('reads back what it wrote, whole and by range', async () => {
      const { store, p } = await fresh();
      const info = await store.put(`${p}a/b.txt`, bytes('hello world'));
      expect(info.size).toBe(11);
      expect(text(await store.get(`${p}a/b.txt`))).toBe('hello world');
      expect(text(await store.get(`${p}a/b.txt`, { offset: 6, length: 5 }))).toBe('world');
      expect(text(await store.get(`${p}a/b.txt`, { offset: 0, length: 1 }))).toBe('h');
    });

    it('reports absent objects as undefined', async () => {
      const { store, p } = await fresh();
      expect(await store.get(`${p}missing`)).toBeUndefined();
      expect(await store.head(`${p}missing`)).toBeUndefined();
    });

    it('heads an object with its exact size and an etag', async () => {
      const { store, p } = await fresh();
      const put = await store.put(`${p}x.bin`, new Uint8Array(1234).fill(7));
      const head = await store.head(`${p}x.bin`);
      expect(head?.size).toBe(1234);
      expect(head?.etag).toBeTruthy();
      expect(head?.etag).toBe(put.etag);
    });

    it('overwrites unconditionally and changes the etag', async () => {
      const { store, p } = await fresh();
      const a = await store.put(`${p}k`, bytes('one'));
      const b = await store.put(`${p}k`, bytes('two!'));
      expect(text(await store.get(`${p}k`))).toBe('two!');
      expect(b.etag).not.toBe(a.etag);
    });

    it("refuses ifNoneMatch '*' on an existing key with precondition-failed, keeping the old body", async () => {
      const { store, p } = await fresh();
      await store.put(`${p}k`, bytes('first'), { ifNoneMatch: '*' });
      await rejectsWithKind(store.put(`${p}k`, bytes('second'), { ifNoneMatch: '*' }), 'precondition-failed');
      expect(text(await store.get(`${p}k`))).toBe('first');
    });

    it('lets exactly one of many concurrent create-if-absent writes win', async () => {
      const { store, p } = await fresh();
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => store.put(`${p}race`, bytes(`w${i}`), { ifNoneMatch: '*' })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results)
        if (r.status === 'rejected') expect(isIcebergError(r.reason, 'precondition-failed')).toBe(true);
    });

    it('writes with ifMatch only while the etag is current', async () => {
      const { store, p } = await fresh();
      const a = await store.put(`${p}k`, bytes('v1'));
      const b = await store.put(`${p}k`, bytes('v2'), { ifMatch: a.etag! });
      await rejectsWithKind(store.put(`${p}k`, bytes('v3'), { ifMatch: a.etag! }), 'precondition-failed');
      expect(text(await store.get(`${p}k`))).toBe('v2');
      await store.put(`${p}k`, bytes('v3'), { ifMatch: b.etag! });
      expect(text(await store.get(`${p}k`))).toBe('v3');
    });

    it('lists objects under a prefix in key order, including nested keys', async () => {
      const { store, p } = await fresh();
      for (const k of ['b/2', 'a', 'b/1', 'b/sub/3', 'c']) await store.put(`${p}${k}`, bytes(k));
      await store.put(`${p.slice(0, -1)}-sibling/x`, bytes('x'));
      expect((await collect(store.list(`${p}`))).map((o) => o.key)).toEqual(
        ['a', 'b/1', 'b/2', 'b/sub/3', 'c'].map((k) => p + k),
      );
      expect((await collect(store.list(`${p}b/`))).map((o) => o.key)).toEqual(
        ['b/1', 'b/2', 'b/sub/3'].map((k) => p + k),
      );
      expect((await collect(store.list(`${p}b/s`))).map((o) => [o.key, o.size])).toEqual([
        [`${p}b/sub/3`, 7],
      ]);
      expect(await collect(store.list(`${p}zzz`))).toEqual([]);
    });

    it('deletes many keys and ignores missing ones', async () => {
      const { store, p } = await fresh();
      await store.put(`${p}1`, bytes('1'));
      await store.put(`${p}2`, bytes('2'));
      await store.delete([`${p}1`, `${p}2`, `${p}nope`]);
      expect(await collect(store.list(p))).toEqual([]);
    });

    it('stores binary bodies byte for byte', async () => {
      const { store, p } = await fresh();
      const body = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) & 255);
      await store.put(`${p}bin`, body);
      expect(await store.get(`${p}bin`)).toEqual(body);
    });
  });
}
