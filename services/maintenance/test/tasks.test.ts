import {
  and,
  appendRows,
  BucketStore,
  createTable,
  currentSnapshot,
  defaultTableEnv,
  EVENT_TABLE_PROPERTIES,
  fileIO,
  gtEq,
  lt,
  MemoryStore,
  readFile,
  readManifestList,
  readRows,
  StoreCatalog,
  scanTable,
  type TableEnv,
  type TableIdentifier,
} from '@analytics/iceberg';
import { loadParquetWasmNode } from '@analytics/iceberg/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TASKS, runMaintenance } from '../src/tasks.ts';

const id = { namespace: ['default'], name: 'page_views' };
const T0 = 1_704_067_200_000_000n; // 2024-01-01T00:00:00Z in µs
const HOUR = 3_600_000_000n;
const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

/** A table environment wired as the Worker wires it: both buckets behind one store, root `s3://`. */
function newEnv(now: () => number = () => Date.now()): TableEnv {
  const io = fileIO(
    new BucketStore({
      'analytics-source': new MemoryStore(),
      'analytics-processed': new MemoryStore(),
      // Where the in-process StoreCatalog keeps its table pointers (the Worker talks to the REST catalog).
      catalog: new MemoryStore(),
    }),
    's3://',
  );
  return { ...defaultTableEnv(new StoreCatalog({ io, now, newUuid: () => crypto.randomUUID() }), io), now };
}

async function createEventTable(
  env: TableEnv,
  table: TableIdentifier = id,
  options: { location?: string; transform?: string; properties?: Record<string, string> } = {},
) {
  await createTable(env, table, {
    location: options.location ?? 's3://analytics-source/events/page_views',
    schema: {
      schemaId: 0,
      fields: [
        { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
        { id: 2, name: 'timestamp', required: true, type: { type: 'timestamptz' } },
      ],
    },
    partitionBy: [{ column: 'timestamp', transform: options.transform ?? 'hour' }],
    properties: { ...EVENT_TABLE_PROPERTIES, ...options.properties },
  });
}

async function tableWithSmallFiles(batches: number, env = newEnv()): Promise<TableEnv> {
  await createEventTable(env);
  for (let b = 0; b < batches; b++) {
    await appendRows(
      env,
      id,
      Array.from({ length: 10 }, (_, i) => ({ event_id: `e${b}-${i}`, timestamp: T0 + BigInt(b * 10 + i) })),
    );
  }
  return env;
}

/** Every row as `event_id@timestamp`, sorted: equal lists mean the same rows. */
async function rowKeys(env: TableEnv, table: TableIdentifier = id): Promise<string[]> {
  return (await readRows(env, table)).map((r) => `${r.event_id}@${r.timestamp}`).sort();
}

async function dataManifests(env: TableEnv, table: TableIdentifier = id) {
  const { metadata } = await env.catalog.loadTable(table);
  const list = await readManifestList(await readFile(env.io, currentSnapshot(metadata)!.manifestList));
  return list.filter((m) => m.content === 0);
}

beforeAll(async () => {
  await loadParquetWasmNode();
});

describe('runMaintenance', () => {
  it('runs every task of the contract, tiering first and orphans last', () => {
    expect(ALL_TASKS).toEqual([
      'tier-partitions',
      'compaction',
      'rewrite-manifests',
      'expire-snapshots',
      'remove-orphan-files',
    ]);
  });

  it('compacts the small files of a partition into one, keeping every row', async () => {
    const env = await tableWithSmallFiles(3);
    const progress: string[] = [];
    const results = await runMaintenance(env, [id], ['compaction'], { orphanMinAgeMs: 0 }, (p) =>
      progress.push(
        `${p.task} ${p.table} ${p.done}/${p.total}${p.groups ? ` group ${p.group}/${p.groups}` : ''}`,
      ),
    );
    expect(results).toEqual([
      expect.objectContaining({
        table: 'default.page_views',
        task: 'compaction',
        status: 'succeeded',
        files_rewritten: 3,
        files_added: 1,
        bytes_rewritten: expect.any(Number),
      }),
    ]);
    expect(results[0]!.bytes_rewritten).toBeGreaterThan(0);
    expect(progress).toEqual([
      'compaction default.page_views 0/1',
      'compaction default.page_views 0/1 group 1/1',
    ]);
    const { metadata } = await env.catalog.loadTable(id);
    expect(metadata.snapshots.at(-1)?.summary.operation).toBe('replace');
    const rows = await readRows(env, id);
    expect(rows.map((r) => r.event_id).sort()).toEqual(
      Array.from({ length: 30 }, (_, k) => `e${Math.floor(k / 10)}-${k % 10}`).sort(),
    );
  });

  it('skips what has nothing to do and says why', async () => {
    const env = await tableWithSmallFiles(
      1,
      newEnv(() => Date.UTC(2024, 0, 1, 12)),
    );
    const results = await runMaintenance(env, [id], ALL_TASKS, { orphanMinAgeMs: 3_600_000 });
    expect(results.map((r) => [r.task, r.status, r.message])).toEqual([
      ['tier-partitions', 'skipped', 'no partition is old enough for a coarser tier'],
      ['compaction', 'skipped', 'no partition has two or more small files'],
      [
        'rewrite-manifests',
        'skipped',
        '1 data manifest; merging starts at commit.manifest.min-count-to-merge (100)',
      ],
      ['expire-snapshots', 'skipped', 'no snapshot is old enough to expire'],
      ['remove-orphan-files', 'skipped', 'no orphan files'],
    ]);
  });

  it('removes files no metadata reaches once they are old enough', async () => {
    const env = await tableWithSmallFiles(1);
    const stray = 'analytics-source/events/page_views/data/stray.parquet';
    await env.io.store.put(stray, new Uint8Array([1, 2, 3]));
    const [result] = await runMaintenance(env, [id], ['remove-orphan-files'], { orphanMinAgeMs: -60_000 });
    expect(result).toMatchObject({ status: 'succeeded', files_removed: 1 });
    expect(await env.io.store.head(stray)).toBeUndefined();
  });

  it('reports a failing table and goes on with the next', async () => {
    const env = await tableWithSmallFiles(2);
    const missing = { namespace: ['default'], name: 'nope' };
    const results = await runMaintenance(env, [missing, id], ['compaction'], { orphanMinAgeMs: 0 });
    expect(results[0]).toMatchObject({
      table: 'default.nope',
      status: 'failed',
      message: expect.stringContaining('not-found'),
    });
    expect(results[1]).toMatchObject({ table: 'default.page_views', status: 'succeeded' });
  });
});

describe('rewrite-manifests', () => {
  /** `flushes` appends of 10 rows each, spread over three hours of 2024-01-01, as the collector commits them. */
  async function flushed(flushes: number, properties: Record<string, string> = {}): Promise<TableEnv> {
    const env = newEnv(() => Date.UTC(2024, 0, 1, 6));
    await createEventTable(env, id, { properties });
    for (let f = 0; f < flushes; f++) {
      const rows = Array.from({ length: 10 }, (_, i) => ({
        event_id: `f${f}-${i}`,
        timestamp: T0 + BigInt(f % 3) * HOUR + BigInt(f * 10 + i),
      }));
      await appendRows(env, id, rows);
    }
    return env;
  }

  it('merges the one-manifest-per-flush list once it reaches commit.manifest.min-count-to-merge, rows unchanged', async () => {
    const env = await flushed(120);
    const before = await rowKeys(env);
    expect(await dataManifests(env)).toHaveLength(120);
    const [result] = await runMaintenance(env, [id], ['rewrite-manifests'], { orphanMinAgeMs: 0 });
    expect(result).toMatchObject({
      status: 'succeeded',
      manifests_replaced: 120,
      manifests_created: 1,
      snapshot_id: expect.stringMatching(/^[0-9]+$/),
      message: 'merged 120 manifests into 1; 0 manifests kept as they were',
    });
    expect(await dataManifests(env)).toHaveLength(1);
    expect(await rowKeys(env)).toEqual(before);
    const { metadata } = await env.catalog.loadTable(id);
    expect(currentSnapshot(metadata)!.summary).toMatchObject({
      operation: 'replace',
      'total-records': '1200',
    });
  });

  it('leaves the list alone below the table’s commit.manifest.min-count-to-merge', async () => {
    const env = await flushed(120, { 'commit.manifest.min-count-to-merge': '200' });
    const [result] = await runMaintenance(env, [id], ['rewrite-manifests'], { orphanMinAgeMs: 0 });
    expect(result).toMatchObject({
      status: 'skipped',
      message: '120 data manifests; merging starts at commit.manifest.min-count-to-merge (200)',
    });
    expect(await dataManifests(env)).toHaveLength(120);
  });

  it('leaves a short manifest list after one full run over many small flushes', async () => {
    const env = await flushed(120);
    const before = await rowKeys(env);
    const results = await runMaintenance(env, [id], ALL_TASKS, { orphanMinAgeMs: 3_600_000 });
    expect(results.map((r) => [r.task, r.status])).toEqual([
      ['tier-partitions', 'skipped'],
      ['compaction', 'succeeded'],
      ['rewrite-manifests', 'succeeded'],
      ['expire-snapshots', 'skipped'],
      ['remove-orphan-files', 'skipped'],
    ]);
    // Compaction rewrote the 120 files into one per hour and left 120 manifests of DELETED entries; the merge drops them.
    expect(results[1]).toMatchObject({ files_rewritten: 120, files_added: 3 });
    expect(results[2]).toMatchObject({ manifests_replaced: 123, manifests_created: 1 });
    expect(await dataManifests(env)).toHaveLength(1);
    expect(await rowKeys(env)).toEqual(before);
  });
});

describe('tier-partitions', () => {
  const NOW = Date.parse('2024-03-15T12:00:00Z');
  /** One flush of 5 rows at each instant: recent hours, a day 9.5 days old (two flushes), February, January. */
  const FLUSHES = [
    '2024-03-15T09:10:00Z',
    '2024-03-10T05:20:00Z',
    '2024-03-05T01:30:00Z',
    '2024-03-05T22:40:00Z',
    '2024-02-20T10:50:00Z',
    '2024-01-10T03:00:00Z',
    '2024-01-25T14:00:00Z',
  ];

  async function spanningTiers(properties: Record<string, string> = {}): Promise<TableEnv> {
    const env = newEnv(() => NOW);
    await createEventTable(env, id, { properties });
    for (const [f, iso] of FLUSHES.entries()) {
      await appendRows(
        env,
        id,
        Array.from({ length: 5 }, (_, i) => ({ event_id: `f${f}-${i}`, timestamp: us(iso) + BigInt(i) })),
      );
    }
    return env;
  }

  /** Each live file as `<partition field>=<value>`, e.g. `timestamp_day=19787`. */
  async function layout(env: TableEnv): Promise<string[]> {
    const { metadata } = await env.catalog.loadTable(id);
    return (await scanTable(env, id)).tasks
      .map((t) => {
        const field = metadata.partitionSpecs.find((s) => s.specId === t.file.specId)!.fields[0]!;
        return `${field.name}=${t.file.partition[0]}`;
      })
      .sort();
  }

  const days = (iso: string) => Math.floor(Date.parse(iso) / 86_400_000);
  const hours = (iso: string) => Math.floor(Date.parse(iso) / 3_600_000);

  it('moves aged files under day and month specs, rows unchanged, and planning still prunes by time', async () => {
    const env = await spanningTiers();
    const before = await rowKeys(env);
    const progress: string[] = [];
    const [result] = await runMaintenance(env, [id], ['tier-partitions'], { orphanMinAgeMs: 0 }, (p) =>
      progress.push(p.groups ? `group ${p.group}/${p.groups}` : p.task),
    );
    expect(result).toMatchObject({
      status: 'succeeded',
      files_rewritten: 5,
      files_added: 3,
      message: 'moved 3 files to day and 2 files to month partitions in 3 groups',
    });
    expect(progress).toEqual(['tier-partitions', 'group 1/3', 'group 2/3', 'group 3/3']);
    expect(await rowKeys(env)).toEqual(before);
    // January 2024 is month 648 since 1970.
    expect(await layout(env)).toEqual(
      [
        `timestamp_hour=${hours('2024-03-15T09:00:00Z')}`,
        `timestamp_hour=${hours('2024-03-10T05:00:00Z')}`,
        `timestamp_day=${days('2024-03-05')}`,
        `timestamp_day=${days('2024-02-20')}`,
        'timestamp_month=648',
      ].sort(),
    );
    const { metadata } = await env.catalog.loadTable(id);
    expect(metadata.defaultSpecId).toBe(0);
    const files = async (from: string, to: string) =>
      (await scanTable(env, id, { filter: and(gtEq('timestamp', us(from)), lt('timestamp', us(to))) })).tasks
        .length;
    expect(await files('2024-03-15T00:00:00Z', '2024-03-16T00:00:00Z')).toBe(1);
    expect(await files('2024-03-05T00:00:00Z', '2024-03-06T00:00:00Z')).toBe(1);
    expect(await files('2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z')).toBe(1);
    expect(await files('2024-01-20T00:00:00Z', '2024-01-21T00:00:00Z')).toBe(1);
    expect(await files('2023-12-01T00:00:00Z', '2024-01-01T00:00:00Z')).toBe(0);

    const [again] = await runMaintenance(env, [id], ['tier-partitions'], { orphanMinAgeMs: 0 });
    expect(again).toMatchObject({
      status: 'skipped',
      message: 'no partition is old enough for a coarser tier',
    });
  });

  it('stops after max-groups-per-run groups and says how many are left', async () => {
    const env = await spanningTiers({ 'maintenance.partition-tiers.max-groups-per-run': '2' });
    const [first] = await runMaintenance(env, [id], ['tier-partitions'], { orphanMinAgeMs: 0 });
    expect(first).toMatchObject({
      status: 'succeeded',
      files_rewritten: 3,
      message:
        'moved 1 file to day and 2 files to month partitions in 2 groups; 1 more group due, left for the next run (maintenance.partition-tiers.max-groups-per-run)',
    });
    const [second] = await runMaintenance(env, [id], ['tier-partitions'], { orphanMinAgeMs: 0 });
    expect(second).toMatchObject({ status: 'succeeded', files_rewritten: 2 });
    expect((await layout(env)).filter((l) => l.startsWith('timestamp_hour'))).toHaveLength(2);
  });
});

describe('tables in analytics-processed', () => {
  it('maintains a dbt table in the processed bucket beside an event table, in one run', async () => {
    const env = newEnv();
    const fact = { namespace: ['processed'], name: 'fact_page_views' };
    await createEventTable(env);
    await createEventTable(env, fact, {
      location: 's3://analytics-processed/facts/fact_page_views',
      transform: 'day',
    });
    for (const table of [id, fact]) {
      for (let b = 0; b < 3; b++) {
        await appendRows(env, table, [{ event_id: `${table.name}-${b}`, timestamp: T0 + BigInt(b) }]);
      }
    }
    const stray = 'analytics-processed/facts/fact_page_views/data/stray.parquet';
    await env.io.store.put(stray, new Uint8Array([1]));
    const before = await rowKeys(env, fact);
    const results = await runMaintenance(env, [id, fact], ['compaction', 'remove-orphan-files'], {
      orphanMinAgeMs: -60_000,
    });
    expect(results.map((r) => [r.table, r.task, r.status, r.files_rewritten ?? r.files_removed])).toEqual([
      ['default.page_views', 'compaction', 'succeeded', 3],
      ['default.page_views', 'remove-orphan-files', 'skipped', undefined],
      ['processed.fact_page_views', 'compaction', 'succeeded', 3],
      ['processed.fact_page_views', 'remove-orphan-files', 'succeeded', 1],
    ]);
    expect(await env.io.store.head(stray)).toBeUndefined();
    expect(await rowKeys(env, fact)).toEqual(before);
    const written = (await scanTable(env, fact)).tasks.map((t) => t.file.filePath);
    expect(written).toEqual([
      expect.stringMatching(/^s3:\/\/analytics-processed\/facts\/fact_page_views\/data\//),
    ]);
  });
});
