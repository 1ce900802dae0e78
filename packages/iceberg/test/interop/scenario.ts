/**
 * The interop scenario of issue 3 ("Done when" 1–3): a table on the
 * filesystem store written through three appends, an overwrite, a second
 * schema and a second partition spec (then one more append), with the rows
 * every snapshot must show; and a table hammered by concurrent writers.
 */
import { eq, lt } from '../../src/expr/expression.ts';
import { buildPartitionSpec, specChangeCommit } from '../../src/spec/partition-evolution.ts';
import { addColumn, schemaChangeCommit } from '../../src/spec/schema-evolution.ts';
import { currentSchema } from '../../src/spec/table-metadata.ts';
import type { Schema } from '../../src/spec/types.ts';
import { appendRows } from '../../src/table/append.ts';
import { createTable } from '../../src/table/create-table.ts';
import { expireSnapshots } from '../../src/table/expire-snapshots.ts';
import { overwrite } from '../../src/table/overwrite.ts';
import { removeOrphanFiles } from '../../src/table/remove-orphan-files.ts';
import { compactTable, repartitionFiles } from '../../src/table/replace-files.ts';
import { rewriteManifests } from '../../src/table/rewrite-manifests.ts';
import type { TableEnv } from '../../src/table/table-env.ts';
import { EVENT_TABLE_PROPERTIES } from '../../src/table/table-properties.ts';

/** Every column type the interop readers check. */
export const scenarioSchema: Schema = {
  schemaId: 0,
  fields: [
    { id: 1, name: 'event_id', required: true, type: { type: 'string' } },
    { id: 2, name: 'ts', required: true, type: { type: 'timestamptz' } },
    { id: 3, name: 'event_date', required: false, type: { type: 'date' } },
    { id: 4, name: 'user_id', required: false, type: { type: 'uuid' } },
    { id: 5, name: 'country', required: false, type: { type: 'string' } },
    { id: 6, name: 'time_on_page', required: false, type: { type: 'int' } },
    { id: 7, name: 'views', required: false, type: { type: 'long' } },
    { id: 8, name: 'score', required: false, type: { type: 'double' } },
    { id: 9, name: 'ratio', required: false, type: { type: 'float' } },
    { id: 10, name: 'is_bot', required: false, type: { type: 'boolean' } },
    { id: 11, name: 'amount', required: false, type: { type: 'decimal', precision: 9, scale: 2 } },
    {
      id: 12,
      name: 'tags',
      required: false,
      type: { type: 'list', elementId: 0, elementRequired: false, element: { type: 'string' } },
    },
    {
      id: 13,
      name: 'props',
      required: false,
      type: {
        type: 'map',
        keyId: 0,
        key: { type: 'string' },
        valueId: 0,
        valueRequired: false,
        value: { type: 'string' },
      },
    },
  ],
};

const HOUR_US = 3_600_000_000n;
/** 2024-01-01T00:00:00Z in microseconds. */
export const T0_US = 1_704_067_200_000_000n;
const COUNTRIES = ['DE', 'US', 'FR', null];

/** Row `i` of the scenario, written at `hour` hours after T0. */
export function scenarioRow(i: number, hour: number, referrer?: string): Record<string, unknown> {
  const ts = T0_US + BigInt(hour) * HOUR_US + BigInt(i) * 1_000_001n;
  const hex = i.toString(16).padStart(12, '0');
  return {
    event_id: `e${String(i).padStart(5, '0')}`,
    ts,
    event_date: Number(ts / 86_400_000_000n),
    user_id: i % 5 === 0 ? null : `00000000-0000-4000-8000-${hex}`,
    country: COUNTRIES[i % 4],
    time_on_page: i % 6 === 0 ? null : ((i * 37) % 500) - 50,
    views: BigInt(i) * 10_000_000_000n - 5n,
    score: i % 7 === 0 ? null : i / 8 - 3,
    ratio: (i % 16) / 4 - 1,
    is_bot: i % 3 === 0,
    amount: i % 9 === 0 ? null : BigInt((i * 1234) % 100_000) - 20_000n,
    tags: i % 4 === 0 ? null : [`t${i % 3}`, `t${i % 5}`],
    props: i % 2 === 0 ? null : { k: `v${i}`, ...(i % 3 === 0 ? { z: 'w' } : {}) },
    ...(referrer === undefined ? {} : { referrer }),
  };
}

/** A snapshot and the rows it must show. */
export interface ExpectedSnapshot {
  readonly snapshotId: bigint;
  readonly operation: string;
  readonly rows: Record<string, unknown>[];
}

const range = (from: number, n: number, hour: (i: number) => number, referrer?: string) =>
  Array.from({ length: n }, (_, k) => scenarioRow(from + k, hour(from + k), referrer));

/** Builds the scenario table; returns every snapshot with its expected rows. */
export async function buildScenarioTable(
  env: TableEnv,
  id: { namespace: string[]; name: string },
  location: string,
) {
  await createTable(env, id, {
    location,
    schema: scenarioSchema,
    partitionBy: [{ column: 'ts', transform: 'hour' }],
    properties: EVENT_TABLE_PROPERTIES,
  });
  const snapshots: ExpectedSnapshot[] = [];
  let live: Record<string, unknown>[] = [];
  const record = (snapshotId: bigint, operation: string) =>
    snapshots.push({ snapshotId, operation, rows: [...live] });

  const a1 = range(0, 40, (i) => i % 4);
  live = [...live, ...a1];
  record((await appendRows(env, id, a1)).snapshot.snapshotId, 'append');

  const a2 = range(40, 40, (i) => 4 + (i % 4));
  live = [...live, ...a2];
  record((await appendRows(env, id, a2)).snapshot.snapshotId, 'append');

  // Schema 1: an optional column; spec 1: day(ts) and bucket[4](event_id).
  let { metadata } = await env.catalog.loadTable(id);
  const s = schemaChangeCommit(
    metadata,
    addColumn(currentSchema(metadata), metadata.lastColumnId, { name: 'referrer', type: { type: 'string' } }),
  );
  ({ metadata } = await env.catalog.commitTable(id, s.requirements, s.updates));
  const p = specChangeCommit(
    metadata,
    buildPartitionSpec(metadata, [
      { column: 'ts', transform: 'day' },
      { column: 'event_id', transform: 'bucket[4]' },
    ]),
  );
  await env.catalog.commitTable(id, p.requirements, p.updates);

  const a3 = range(80, 40, (i) => 48 + (i % 3) * 24, 'example.com');
  live = [...live, ...a3];
  record((await appendRows(env, id, a3)).snapshot.snapshotId, 'append');

  const added = range(200, 10, () => 100, 'rawkode.academy');
  live = [...live.filter((r) => r.country !== 'DE'), ...added];
  record((await overwrite(env, id, eq('country', 'DE'), added)).snapshot.snapshotId, 'overwrite');

  const a4 = range(300, 20, (i) => 120 + (i % 2));
  live = [...live, ...a4];
  record((await appendRows(env, id, a4)).snapshot.snapshotId, 'append');

  const loaded = await env.catalog.loadTable(id);
  return { metadataLocation: loaded.metadataLocation, metadata: loaded.metadata, snapshots };
}

/**
 * A table after maintenance: three appends, a compaction, day-0 data moved
 * to a (non-default) month spec, a manifest rewrite,
 * expiry of all but the current snapshot and orphan removal. Returns the ids
 * of the rows it must hold.
 */
export async function buildMaintainedTable(
  env: TableEnv,
  id: { namespace: string[]; name: string },
  location: string,
) {
  await createTable(env, id, {
    location,
    schema: scenarioSchema,
    partitionBy: [{ column: 'ts', transform: 'day' }],
    properties: EVENT_TABLE_PROPERTIES,
  });
  const written = [...range(0, 10, () => 0), ...range(10, 10, () => 1), ...range(20, 10, () => 30)];
  for (let k = 0; k < 3; k++) await appendRows(env, id, written.slice(k * 10, k * 10 + 10));
  await compactTable(env, id);
  // Tiering: day-0 data moves to a month spec that is not the default.
  let { metadata } = await env.catalog.loadTable(id);
  const monthly = buildPartitionSpec(metadata, [{ column: 'ts', transform: 'month' }]);
  ({ metadata } = await env.catalog.commitTable(
    id,
    [],
    [{ action: 'add-spec', spec: { fields: monthly.fields } }],
  ));
  const monthSpecId = metadata.partitionSpecs.find((p) => p.fields[0]?.transform === 'month')!.specId;
  await repartitionFiles(env, id, { filter: lt('ts', T0_US + 24n * HOUR_US), specId: monthSpecId });
  await rewriteManifests(env, id);
  await expireSnapshots(env, id, { olderThanMs: Number.MAX_SAFE_INTEGER, retainLast: 1 });
  await removeOrphanFiles(env, id, { olderThanMs: Number.MAX_SAFE_INTEGER });
  const loaded = await env.catalog.loadTable(id);
  return {
    metadataLocation: loaded.metadataLocation,
    metadata: loaded.metadata,
    ids: written.map((r) => r.event_id as string).sort(),
  };
}

/** `writers` concurrent writers each appending `appends` single-row batches to one table. */
export async function concurrentAppends(
  envs: readonly TableEnv[],
  id: { namespace: string[]; name: string },
  appends: number,
): Promise<void> {
  await Promise.all(
    envs.map(async (env, w) => {
      for (let k = 0; k < appends; k++) {
        await appendRows(env, id, [scenarioRow(w * 1000 + k, w)]);
      }
    }),
  );
}

/** Rows as the Python checker normalises them: numbers, strings, objects; nulls dropped. */
export function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === null || v === undefined) continue;
    if (k === 'amount') {
      const n = v as bigint;
      const neg = n < 0n;
      const abs = (neg ? -n : n).toString().padStart(3, '0');
      out[k] = `${neg ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
    } else if (typeof v === 'bigint') out[k] = Number(v);
    else if (v instanceof Map)
      out[k] = Object.fromEntries([...v].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)));
    else if (k === 'props')
      out[k] = Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : 1)));
    else out[k] = v;
  }
  return out;
}
