import { describe, expect, it } from 'vitest';
import { parseJson } from '../json/lossless-json.ts';
import type { Snapshot } from '../spec/snapshot.ts';
import type { TableMetadata } from '../spec/table-metadata.ts';
import { parseTableMetadata, serializeTableMetadata } from '../spec/table-metadata-json.ts';
import type { Schema } from '../spec/types.ts';
import { applyCommit, type CommitContext } from './apply-commit.ts';
import { createTableUpdates } from './create-table-updates.ts';
import { type TableRequirement, tableRequirementFromJson } from './table-requirement.ts';
import { type TableUpdate, tableUpdateFromJson, tableUpdateToJson } from './table-update.ts';

const schema: Schema = {
  schemaId: 0,
  fields: [
    { id: 1, name: 'id', required: true, type: { type: 'long' } },
    { id: 2, name: 'ts', required: false, type: { type: 'timestamptz' } },
    {
      id: 3,
      name: 'tags',
      required: false,
      type: { type: 'list', elementId: 4, elementRequired: false, element: { type: 'string' } },
    },
  ],
};

function ctx(now: number, baseMetadataLocation?: string): CommitContext {
  return { now: () => now, newUuid: () => '00000000-0000-4000-8000-000000000000', baseMetadataLocation };
}

function create(properties: Record<string, string> = {}): TableMetadata {
  return applyCommit(
    undefined,
    [{ type: 'assert-create' }],
    createTableUpdates({
      uuid: 'c0ffee00-0000-4000-8000-000000000001',
      location: 's3://b/t',
      schema,
      spec: { fields: [{ sourceId: 2, name: 'ts_day', transform: 'day' }] },
      properties,
    }),
    ctx(1000),
  );
}

function snap(id: bigint, seq: bigint, parent: bigint | undefined, ts: number): Snapshot {
  return {
    snapshotId: id,
    sequenceNumber: seq,
    timestampMs: ts,
    manifestList: `s3://b/t/metadata/snap-${id}.avro`,
    summary: { operation: 'append' },
    ...(parent === undefined ? {} : { parentSnapshotId: parent }),
  };
}

function append(base: TableMetadata, s: Snapshot, now: number, loc?: string): TableMetadata {
  return applyCommit(
    base,
    [{ type: 'assert-ref-snapshot-id', ref: 'main', snapshotId: base.currentSnapshotId ?? null }],
    [
      { action: 'add-snapshot', snapshot: s },
      { action: 'set-snapshot-ref', refName: 'main', ref: { snapshotId: s.snapshotId, type: 'branch' } },
    ],
    ctx(now, loc),
  );
}

const BIG1 = 9007199254740993n; // 2^53 + 1
const BIG2 = 9223372036854775807n;

describe('applyCommit: create', () => {
  it('builds v2 metadata with ids, defaults and clock time', () => {
    const m = create({ 'write.format.default': 'parquet' });
    expect(m.tableUuid).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(m.lastColumnId).toBe(4);
    expect(m.currentSchemaId).toBe(0);
    expect(m.partitionSpecs).toEqual([
      { specId: 0, fields: [{ sourceId: 2, fieldId: 1000, name: 'ts_day', transform: 'day' }] },
    ]);
    expect(m.lastPartitionId).toBe(1000);
    expect(m.sortOrders).toEqual([{ orderId: 0, fields: [] }]);
    expect(m.defaultSortOrderId).toBe(0);
    expect(m.lastSequenceNumber).toBe(0n);
    expect(m.lastUpdatedMs).toBe(1000);
    expect(m.currentSnapshotId).toBeUndefined();
    expect(m.properties).toEqual({ 'write.format.default': 'parquet' });
  });

  it('fails assert-create on an existing table', () => {
    expect(() => applyCommit(create(), [{ type: 'assert-create' }], [], ctx(1))).toThrowError(
      expect.objectContaining({ kind: 'commit-failed', message: 'Requirement failed: table already exists' }),
    );
  });

  it('requires a location and a current schema', () => {
    expect(() =>
      applyCommit(
        undefined,
        [],
        [
          { action: 'add-schema', schema },
          { action: 'set-current-schema', schemaId: -1 },
        ],
        ctx(1),
      ),
    ).toThrowError(/without a location/);
    expect(() =>
      applyCommit(undefined, [], [{ action: 'set-location', location: 's3://b/t' }], ctx(1)),
    ).toThrowError(/no current schema/);
  });
});

describe('applyCommit: requirements', () => {
  const base = create();
  const cases: [TableRequirement, string][] = [
    [{ type: 'assert-table-uuid', uuid: 'other' }, 'Requirement failed: UUID does not match'],
    [
      { type: 'assert-ref-snapshot-id', ref: 'main', snapshotId: 5n },
      'Requirement failed: branch or tag main is missing, expected 5',
    ],
    [
      { type: 'assert-last-assigned-field-id', lastAssignedFieldId: 3 },
      'Requirement failed: last assigned field id changed',
    ],
    [{ type: 'assert-current-schema-id', currentSchemaId: 1 }, 'Requirement failed: current schema changed'],
    [
      { type: 'assert-last-assigned-partition-id', lastAssignedPartitionId: 999 },
      'Requirement failed: last assigned partition id changed',
    ],
    [
      { type: 'assert-default-spec-id', defaultSpecId: 1 },
      'Requirement failed: default partition spec changed',
    ],
    [
      { type: 'assert-default-sort-order-id', defaultSortOrderId: 1 },
      'Requirement failed: default sort order changed',
    ],
  ];
  for (const [req, message] of cases) {
    it(`${req.type} fails with "${message}"`, () => {
      expect(() => applyCommit(base, [req], [], ctx(2))).toThrowError(
        expect.objectContaining({ kind: 'commit-failed', message: expect.stringContaining(message) }),
      );
    });
  }

  it('holding requirements pass', () => {
    const ok: TableRequirement[] = [
      { type: 'assert-table-uuid', uuid: base.tableUuid },
      { type: 'assert-ref-snapshot-id', ref: 'main', snapshotId: null },
      { type: 'assert-last-assigned-field-id', lastAssignedFieldId: 4 },
      { type: 'assert-current-schema-id', currentSchemaId: 0 },
      { type: 'assert-last-assigned-partition-id', lastAssignedPartitionId: 1000 },
      { type: 'assert-default-spec-id', defaultSpecId: 0 },
      { type: 'assert-default-sort-order-id', defaultSortOrderId: 0 },
    ];
    expect(applyCommit(base, ok, [], ctx(2))).toBe(base);
  });

  it('assert-ref-snapshot-id distinguishes a changed branch from one created concurrently', () => {
    const m = append(create(), snap(BIG1, 1n, undefined, 10), 11);
    expect(() =>
      applyCommit(m, [{ type: 'assert-ref-snapshot-id', ref: 'main', snapshotId: null }], [], ctx(3)),
    ).toThrowError('Requirement failed: branch main was created concurrently');
    expect(() =>
      applyCommit(m, [{ type: 'assert-ref-snapshot-id', ref: 'main', snapshotId: 7n }], [], ctx(3)),
    ).toThrowError(`Requirement failed: branch main has changed: expected id 7 != ${BIG1}`);
  });
});

describe('applyCommit: snapshots', () => {
  it('adds snapshots, moves main, logs them and keeps 64-bit ids exact through JSON', () => {
    const m1 = append(create(), snap(BIG1, 1n, undefined, 10), 11, 's3://b/t/metadata/00000-a.metadata.json');
    const m2 = append(m1, snap(BIG2, 2n, BIG1, 20), 21, 's3://b/t/metadata/00001-b.metadata.json');
    expect(m2.currentSnapshotId).toBe(BIG2);
    expect(m2.lastSequenceNumber).toBe(2n);
    expect(m2.lastUpdatedMs).toBe(21);
    expect(m2.snapshotLog).toEqual([
      { timestampMs: 10, snapshotId: BIG1 },
      { timestampMs: 20, snapshotId: BIG2 },
    ]);
    expect(m2.metadataLog).toEqual([
      { timestampMs: 1000, metadataFile: 's3://b/t/metadata/00000-a.metadata.json' },
      { timestampMs: 11, metadataFile: 's3://b/t/metadata/00001-b.metadata.json' },
    ]);
    expect(parseTableMetadata(serializeTableMetadata(m2))).toEqual(m2);
  });

  it('rejects a stale sequence number as commit-failed and a duplicate id as invalid', () => {
    const m1 = append(create(), snap(1n, 1n, undefined, 10), 11);
    expect(() => append(m1, snap(2n, 1n, 1n, 20), 21)).toThrowError(
      expect.objectContaining({
        kind: 'commit-failed',
        message: expect.stringContaining('older than last sequence number 1'),
      }),
    );
    expect(() => append(m1, snap(1n, 2n, 1n, 20), 21)).toThrowError(
      expect.objectContaining({ kind: 'invalid-argument', message: 'Snapshot already exists for id: 1' }),
    );
  });

  it('refuses a ref to an unknown snapshot and main as a tag', () => {
    const m = create();
    expect(() =>
      applyCommit(
        m,
        [],
        [{ action: 'set-snapshot-ref', refName: 'main', ref: { snapshotId: 9n, type: 'branch' } }],
        ctx(1),
      ),
    ).toThrowError('Cannot set main to unknown snapshot: 9');
    const m1 = append(m, snap(1n, 1n, undefined, 10), 11);
    expect(() =>
      applyCommit(
        m1,
        [],
        [{ action: 'set-snapshot-ref', refName: 'main', ref: { snapshotId: 1n, type: 'tag' } }],
        ctx(1),
      ),
    ).toThrowError(/main must be a branch/);
  });

  it('logs a rollback at commit time', () => {
    const m2 = append(append(create(), snap(1n, 1n, undefined, 10), 11), snap(2n, 2n, 1n, 20), 21);
    const rolled = applyCommit(
      m2,
      [],
      [{ action: 'set-snapshot-ref', refName: 'main', ref: { snapshotId: 1n, type: 'branch' } }],
      ctx(99),
    );
    expect(rolled.currentSnapshotId).toBe(1n);
    expect(rolled.snapshotLog.at(-1)).toEqual({ timestampMs: 99, snapshotId: 1n });
  });

  it('remove-snapshots drops refs, statistics and the log before the last removed entry', () => {
    let m = create();
    m = append(m, snap(1n, 1n, undefined, 10), 11);
    m = append(m, snap(2n, 2n, 1n, 20), 21);
    m = append(m, snap(3n, 3n, 2n, 30), 31);
    m = applyCommit(
      m,
      [],
      [
        { action: 'set-snapshot-ref', refName: 'old', ref: { snapshotId: 2n, type: 'tag' } },
        {
          action: 'set-statistics',
          statistics: {
            snapshotId: 2n,
            statisticsPath: 's3://b/s',
            fileSizeInBytes: 1n,
            fileFooterSizeInBytes: 1n,
            blobMetadata: [],
          },
        },
      ],
      ctx(40),
    );
    const r = applyCommit(m, [], [{ action: 'remove-snapshots', snapshotIds: [1n, 2n] }], ctx(50));
    expect(r.snapshots.map((s) => s.snapshotId)).toEqual([3n]);
    expect(Object.keys(r.refs)).toEqual(['main']);
    expect(r.statistics).toEqual([]);
    expect(r.snapshotLog).toEqual([{ timestampMs: 30, snapshotId: 3n }]);
  });

  it('remove-snapshot-ref main clears the current snapshot', () => {
    const m = append(create(), snap(1n, 1n, undefined, 10), 11);
    const r = applyCommit(m, [], [{ action: 'remove-snapshot-ref', refName: 'main' }], ctx(12));
    expect(r.currentSnapshotId).toBeUndefined();
    expect(r.refs).toEqual({});
    expect(serializeTableMetadata(r)).toContain('"current-snapshot-id":-1');
  });
});

describe('applyCommit: schemas, specs, orders, properties', () => {
  it('adds a schema with a new id, raises last-column-id and honours -1', () => {
    const next: Schema = {
      schemaId: 0,
      fields: [...schema.fields, { id: 5, name: 'extra', required: false, type: { type: 'int' } }],
    };
    const m = applyCommit(
      create(),
      [{ type: 'assert-current-schema-id', currentSchemaId: 0 }],
      [
        { action: 'add-schema', schema: next },
        { action: 'set-current-schema', schemaId: -1 },
      ],
      ctx(5),
    );
    expect(m.schemas.map((s) => s.schemaId)).toEqual([0, 1]);
    expect(m.currentSchemaId).toBe(1);
    expect(m.lastColumnId).toBe(5);
  });

  it('reuses the id of an identical schema and reports no change', () => {
    const base = create();
    const again = applyCommit(
      base,
      [],
      [
        { action: 'add-schema', schema: { ...schema, schemaId: 7 } },
        { action: 'set-current-schema', schemaId: -1 },
      ],
      ctx(5),
    );
    expect(again).toBe(base);
  });

  it('rejects -1 with nothing added and unknown ids', () => {
    expect(() =>
      applyCommit(create(), [], [{ action: 'set-current-schema', schemaId: -1 }], ctx(1)),
    ).toThrowError(/no schema has been added/);
    expect(() => applyCommit(create(), [], [{ action: 'set-default-spec', specId: 4 }], ctx(1))).toThrowError(
      /unknown spec: 4/,
    );
    expect(() =>
      applyCommit(create(), [], [{ action: 'set-default-sort-order', sortOrderId: -1 }], ctx(1)),
    ).toThrowError(/no sort order has been added/);
  });

  it('evolves the spec: new fields get ids above last-partition-id, equivalent fields keep theirs', () => {
    const m = applyCommit(
      create(),
      [{ type: 'assert-last-assigned-partition-id', lastAssignedPartitionId: 1000 }],
      [
        {
          action: 'add-spec',
          spec: {
            fields: [
              { sourceId: 2, name: 'ts_day', transform: 'day' },
              { sourceId: 1, name: 'id_bucket', transform: 'bucket[16]' },
            ],
          },
        },
        { action: 'set-default-spec', specId: -1 },
      ],
      ctx(5),
    );
    expect(m.defaultSpecId).toBe(1);
    expect(m.partitionSpecs[1]?.fields.map((f) => f.fieldId)).toEqual([1000, 1001]);
    expect(m.lastPartitionId).toBe(1001);
    const back = applyCommit(
      m,
      [],
      [
        { action: 'add-spec', spec: { fields: [{ sourceId: 2, name: 'ts_day', transform: 'day' }] } },
        { action: 'set-default-spec', specId: -1 },
      ],
      ctx(6),
    );
    expect(back.defaultSpecId).toBe(0);
    expect(back.partitionSpecs).toHaveLength(2);
    expect(() =>
      applyCommit(m, [], [{ action: 'remove-partition-specs', specIds: [1] }], ctx(7)),
    ).toThrowError('Cannot remove the default partition spec');
    expect(
      applyCommit(m, [], [{ action: 'remove-partition-specs', specIds: [0] }], ctx(7)).partitionSpecs.map(
        (s) => s.specId,
      ),
    ).toEqual([1]);
  });

  it('rejects a partition field on a column that does not exist', () => {
    expect(() =>
      applyCommit(
        create(),
        [],
        [{ action: 'add-spec', spec: { fields: [{ sourceId: 42, name: 'x', transform: 'identity' }] } }],
        ctx(1),
      ),
    ).toThrowError(/source column 42/);
  });

  it('adds sort orders from id 1', () => {
    const m = applyCommit(
      create(),
      [],
      [
        {
          action: 'add-sort-order',
          sortOrder: {
            orderId: -1,
            fields: [{ sourceId: 2, transform: 'identity', direction: 'asc', nullOrder: 'nulls-first' }],
          },
        },
        { action: 'set-default-sort-order', sortOrderId: -1 },
      ],
      ctx(5),
    );
    expect(m.defaultSortOrderId).toBe(1);
  });

  it('sets and removes properties, and caps the metadata log at previous-versions-max', () => {
    let m = create({ 'write.metadata.previous-versions-max': '2' });
    for (let i = 0; i < 5; i++) {
      m = applyCommit(
        m,
        [],
        [{ action: 'set-properties', updates: { k: String(i) } }],
        ctx(100 + i, `s3://b/t/metadata/v${i}.json`),
      );
    }
    expect(m.properties.k).toBe('4');
    expect(m.metadataLog.map((e) => e.metadataFile)).toEqual([
      's3://b/t/metadata/v3.json',
      's3://b/t/metadata/v4.json',
    ]);
    m = applyCommit(m, [], [{ action: 'remove-properties', removals: ['k'] }], ctx(200));
    expect(m.properties.k).toBeUndefined();
  });

  it('refuses to downgrade or to upgrade beyond v2', () => {
    expect(() =>
      applyCommit(create(), [], [{ action: 'upgrade-format-version', formatVersion: 1 }], ctx(1)),
    ).toThrowError(/downgrade/);
    expect(() =>
      applyCommit(create(), [], [{ action: 'upgrade-format-version', formatVersion: 3 }], ctx(1)),
    ).toThrowError(expect.objectContaining({ kind: 'unsupported' }));
  });

  it('refuses to remove the current schema', () => {
    expect(() =>
      applyCommit(create(), [], [{ action: 'remove-schemas', schemaIds: [0] }], ctx(1)),
    ).toThrowError('Cannot remove current schema');
  });
});

describe('REST JSON of requirements and updates', () => {
  it('parses and writes every update, ids exact', () => {
    const body = parseJson(`[
      {"action":"assign-uuid","uuid":"u"},
      {"action":"upgrade-format-version","format-version":2},
      {"action":"add-schema","schema":{"type":"struct","schema-id":1,"fields":[{"id":1,"name":"a","required":false,"type":"int"}]},"last-column-id":1},
      {"action":"set-current-schema","schema-id":-1},
      {"action":"add-spec","spec":{"fields":[{"source-id":1,"name":"a","transform":"identity"}]}},
      {"action":"set-default-spec","spec-id":-1},
      {"action":"add-sort-order","sort-order":{"order-id":1,"fields":[{"transform":"identity","source-id":1,"direction":"desc","null-order":"nulls-last"}]}},
      {"action":"set-default-sort-order","sort-order-id":-1},
      {"action":"add-snapshot","snapshot":{"snapshot-id":9223372036854775807,"sequence-number":1,"timestamp-ms":5,"manifest-list":"m","summary":{"operation":"append"}}},
      {"action":"set-snapshot-ref","ref-name":"main","type":"branch","snapshot-id":9223372036854775807,"max-ref-age-ms":10},
      {"action":"remove-snapshots","snapshot-ids":[9223372036854775806]},
      {"action":"remove-snapshot-ref","ref-name":"tag1"},
      {"action":"set-location","location":"s3://x"},
      {"action":"set-properties","updates":{"a":"b"}},
      {"action":"remove-properties","removals":["c"]},
      {"action":"set-statistics","snapshot-id":1,"statistics":{"snapshot-id":1,"statistics-path":"p","file-size-in-bytes":3,"file-footer-size-in-bytes":2,"blob-metadata":[]}},
      {"action":"remove-statistics","snapshot-id":1},
      {"action":"set-partition-statistics","partition-statistics":{"snapshot-id":1,"statistics-path":"p","file-size-in-bytes":3}},
      {"action":"remove-partition-statistics","snapshot-id":1},
      {"action":"remove-partition-specs","spec-ids":[0]},
      {"action":"remove-schemas","schema-ids":[0]}
    ]`) as unknown[];
    const updates = body.map((u) => tableUpdateFromJson(u as never));
    expect(updates.map((u) => u.action)).toHaveLength(21);
    const ref = updates[9] as Extract<TableUpdate, { action: 'set-snapshot-ref' }>;
    expect(ref.ref).toEqual({ snapshotId: 9223372036854775807n, type: 'branch', maxRefAgeMs: 10 });
    expect((updates[10] as Extract<TableUpdate, { action: 'remove-snapshots' }>).snapshotIds).toEqual([
      9223372036854775806n,
    ]);
    for (const u of updates) expect(tableUpdateFromJson(tableUpdateToJson(u))).toEqual(u);
  });

  it('rejects unknown update and requirement types as invalid-argument', () => {
    expect(() => tableUpdateFromJson({ action: 'frobnicate' })).toThrowError(
      expect.objectContaining({
        kind: 'invalid-argument',
        message: 'Unknown table update action: frobnicate',
      }),
    );
    expect(() => tableRequirementFromJson({ type: 'assert-nothing' })).toThrowError(
      expect.objectContaining({ kind: 'invalid-argument' }),
    );
    expect(
      tableRequirementFromJson({ type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': null }),
    ).toEqual({
      type: 'assert-ref-snapshot-id',
      ref: 'main',
      snapshotId: null,
    });
  });
});
