import type { CatalogStore } from '../src/store/catalog-store.ts';

/** The slice of the Vitest API the contract needs, passed in so workerd and Node runs share it. */
export interface ContractTestApi {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => void | Promise<void>): void;
  expect: (value: unknown) => {
    toEqual(expected: unknown): void;
    toBe(expected: unknown): void;
    toThrow(expected?: unknown): void;
  };
}

/**
 * The catalog store contract: every `CatalogStore` implementation (memory,
 * Durable Object SQLite) runs these same scenarios. `withStore` runs a body
 * against a fresh, empty store (inside the Durable Object for SQLite).
 */
export function catalogStoreContract(
  name: string,
  withStore: (body: (store: CatalogStore) => void) => Promise<void>,
  t: ContractTestApi,
): void {
  const { describe, it, expect } = t;
  const id = (ns: string[], n: string) => ({ namespace: ns, name: n });
  const pointer = (ns: string[], n: string, loc: string, ms = 1) => ({
    identifier: id(ns, n),
    metadataLocation: loc,
    updatedAtMs: ms,
  });

  describe(`catalog store contract: ${name}`, () => {
    it('creates, reads and deletes namespaces with properties', () =>
      withStore((store) => {
        store.transact((tx) => tx.namespaces.put({ namespace: ['a'], properties: { owner: 'x' } }));
        expect(store.transact((tx) => tx.namespaces.get(['a']))).toEqual({
          namespace: ['a'],
          properties: { owner: 'x' },
        });
        store.transact((tx) => tx.namespaces.delete(['a']));
        expect(store.transact((tx) => tx.namespaces.get(['a']))).toBe(undefined);
      }));

    it('lists only direct children of a parent, ordered and paged', () =>
      withStore((store) => {
        store.transact((tx) => {
          for (const ns of [['b'], ['a'], ['a', 'x'], ['a', 'y'], ['a', 'x', 'deep'], ['c']]) {
            tx.namespaces.put({ namespace: ns, properties: {} });
          }
        });
        const top = store.transact((tx) => tx.namespaces.list([], { limit: 2 }));
        expect(top.map((r) => r.namespace)).toEqual([['a'], ['b']]);
        const rest = store.transact((tx) => tx.namespaces.list([], { after: 'b', limit: 10 }));
        expect(rest.map((r) => r.namespace)).toEqual([['c']]);
        const children = store.transact((tx) => tx.namespaces.list(['a'], { limit: 10 }));
        expect(children.map((r) => r.namespace)).toEqual([
          ['a', 'x'],
          ['a', 'y'],
        ]);
        expect(store.transact((tx) => tx.namespaces.hasChildren(['a']))).toBe(true);
        expect(store.transact((tx) => tx.namespaces.hasChildren(['b']))).toBe(false);
      }));

    it('keeps table pointers with their history and moves both on rename', () =>
      withStore((store) => {
        store.transact((tx) => {
          tx.namespaces.put({ namespace: ['db'], properties: {} });
          tx.tables.put(pointer(['db'], 't', 's3://b/t/metadata/00000-a.metadata.json', 1));
          tx.tables.put(pointer(['db'], 't', 's3://b/t/metadata/00001-b.metadata.json', 2));
        });
        expect(store.transact((tx) => tx.namespaces.hasChildren(['db']))).toBe(true);
        expect(store.transact((tx) => tx.tables.get(id(['db'], 't'))?.metadataLocation)).toBe(
          's3://b/t/metadata/00001-b.metadata.json',
        );
        store.transact((tx) => tx.tables.rename(id(['db'], 't'), id(['db'], 'u')));
        expect(store.transact((tx) => tx.tables.get(id(['db'], 't')))).toBe(undefined);
        const history = store.transact((tx) => tx.tables.history(id(['db'], 'u')));
        expect(history.map((p) => [p.identifier.name, p.metadataLocation, p.updatedAtMs])).toEqual([
          ['u', 's3://b/t/metadata/00000-a.metadata.json', 1],
          ['u', 's3://b/t/metadata/00001-b.metadata.json', 2],
        ]);
        store.transact((tx) => tx.tables.delete(id(['db'], 'u')));
        expect(store.transact((tx) => tx.tables.all())).toEqual([]);
      }));

    it('lists the tables of one namespace, paged by name', () =>
      withStore((store) => {
        store.transact((tx) => {
          for (const n of ['t3', 't1', 't2']) tx.tables.put(pointer(['db'], n, `loc-${n}`));
          tx.tables.put(pointer(['db', 'inner'], 't0', 'loc-inner'));
        });
        const first = store.transact((tx) => tx.tables.list(['db'], { limit: 2 }));
        expect(first.map((p) => p.identifier.name)).toEqual(['t1', 't2']);
        const next = store.transact((tx) => tx.tables.list(['db'], { after: 't2', limit: 2 }));
        expect(next.map((p) => p.identifier.name)).toEqual(['t3']);
      }));

    it('discards every write of a transaction that throws', () =>
      withStore((store) => {
        expect(() =>
          store.transact((tx) => {
            tx.namespaces.put({ namespace: ['gone'], properties: {} });
            tx.tables.put(pointer(['gone'], 't', 'loc'));
            tx.journal.append({
              timeMs: 1,
              principal: 'p',
              action: 'create-namespace',
              target: 'gone',
              requestId: 'r',
            });
            throw new Error('abort');
          }),
        ).toThrow('abort');
        expect(store.transact((tx) => tx.namespaces.get(['gone']))).toBe(undefined);
        expect(store.transact((tx) => tx.tables.all())).toEqual([]);
        expect(store.transact((tx) => tx.journal.list({ limit: 10 }))).toEqual([]);
      }));

    it('appends audit records and lists them newest first, filtered and paged', () =>
      withStore((store) => {
        store.transact((tx) => {
          for (let i = 1; i <= 3; i++) {
            tx.journal.append({
              timeMs: i,
              principal: 'p',
              action: 'commit-table',
              target: `t${i % 2}`,
              requestId: `r${i}`,
            });
          }
        });
        const all = store.transact((tx) => tx.journal.list({ limit: 10 }));
        expect(all.map((r) => r.requestId)).toEqual(['r3', 'r2', 'r1']);
        const older = store.transact((tx) => tx.journal.list({ limit: 10, beforeId: all[0]?.id }));
        expect(older.map((r) => r.requestId)).toEqual(['r2', 'r1']);
        const t1 = store.transact((tx) => tx.journal.list({ limit: 10, target: 't1' }));
        expect(t1.map((r) => r.requestId)).toEqual(['r3', 'r1']);
      }));

    it('sums operation counters per month and service', () =>
      withStore((store) => {
        store.transact((tx) => {
          tx.journal.addUsage('2026-11', 'catalog', 2, 5);
          tx.journal.addUsage('2026-11', 'catalog', 1, 1);
          tx.journal.addUsage('2026-11', 's3', 0, 7);
          tx.journal.addUsage('2026-10', 's3', 9, 9);
        });
        const rows = store.transact((tx) => tx.journal.usage('2026-11'));
        expect([...rows].sort((a, b) => a.service.localeCompare(b.service))).toEqual([
          { month: '2026-11', service: 'catalog', classA: 3, classB: 6 },
          { month: '2026-11', service: 's3', classA: 0, classB: 7 },
        ]);
      }));
  });
}
