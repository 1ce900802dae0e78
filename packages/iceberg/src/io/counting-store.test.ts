import { describe, expect, it } from 'vitest';
import { CountingStore } from './counting-store.ts';
import { MemoryStore } from './memory-store.ts';

describe('CountingStore', () => {
  it('counts writes and lists as class A, reads as class B, deletes as free, and resets on take', async () => {
    const store = new CountingStore(new MemoryStore());
    await store.put('a', new Uint8Array([1]));
    await store.put('b', new Uint8Array([2]));
    expect(await store.get('a')).toEqual(new Uint8Array([1]));
    expect(await store.head('b')).toMatchObject({ key: 'b', size: 1 });
    const keys: string[] = [];
    for await (const o of store.list('')) keys.push(o.key);
    expect(keys).toEqual(['a', 'b']);
    await store.delete(['a']);
    expect(store.take()).toEqual({ classA: 3, classB: 2 });
    expect(store.take()).toEqual({ classA: 0, classB: 0 });
  });

  it('counts one list operation per page of 1,000 objects', async () => {
    const inner = new MemoryStore();
    for (let i = 0; i < 2500; i++) await inner.put(`k${String(i).padStart(4, '0')}`, new Uint8Array());
    const store = new CountingStore(inner);
    let n = 0;
    for await (const _ of store.list('k')) n++;
    expect(n).toBe(2500);
    expect(store.take()).toEqual({ classA: 3, classB: 0 });
  });
});
