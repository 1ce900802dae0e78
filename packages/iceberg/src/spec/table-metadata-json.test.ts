import { describe, expect, it } from 'vitest';
import { parseTableMetadata, serializeTableMetadata, tableMetadataToJson } from './table-metadata-json.ts';

const EXAMPLE = `{
  "format-version": 2,
  "table-uuid": "9c12d441-03fe-4693-9a96-a0705ddf69c1",
  "location": "s3://bucket/wh/db/events",
  "last-sequence-number": 1,
  "last-updated-ms": 1735689600123,
  "last-column-id": 7,
  "current-schema-id": 0,
  "schemas": [{
    "type": "struct", "schema-id": 0, "identifier-field-ids": [1],
    "fields": [
      {"id": 1, "name": "id", "required": true, "type": "long"},
      {"id": 2, "name": "data", "required": false, "type": "string", "doc": "payload"},
      {"id": 3, "name": "ts", "required": false, "type": "timestamptz"},
      {"id": 4, "name": "amount", "required": false, "type": "decimal(9, 2)"},
      {"id": 5, "name": "props", "required": false, "type": {"type": "map", "key-id": 6, "key": "string", "value-id": 7, "value-required": false, "value": "string"}}
    ]
  }],
  "default-spec-id": 0,
  "partition-specs": [{"spec-id": 0, "fields": [
    {"source-id": 3, "field-id": 1000, "name": "ts_day", "transform": "day"}
  ]}],
  "last-partition-id": 1000,
  "default-sort-order-id": 0,
  "sort-orders": [{"order-id": 0, "fields": []}],
  "properties": {"write.format.default": "parquet"},
  "current-snapshot-id": 3051729675574597004,
  "refs": {"main": {"snapshot-id": 3051729675574597004, "type": "branch"}},
  "snapshots": [{
    "snapshot-id": 3051729675574597004,
    "sequence-number": 1,
    "timestamp-ms": 1735689600100,
    "manifest-list": "s3://bucket/wh/db/events/metadata/snap-3051729675574597004-1-2f1c.avro",
    "summary": {"operation": "append", "added-data-files": "1", "total-records": "10"},
    "schema-id": 0
  }],
  "snapshot-log": [{"timestamp-ms": 1735689600100, "snapshot-id": 3051729675574597004}],
  "metadata-log": [{"timestamp-ms": 1735689500000, "metadata-file": "s3://bucket/wh/db/events/metadata/00000-5b.metadata.json"}]
}`;

describe('table metadata JSON', () => {
  it('parses the v2 example with exact 64-bit ids', () => {
    const m = parseTableMetadata(EXAMPLE);
    expect(m.currentSnapshotId).toBe(3051729675574597004n);
    expect(m.refs.main).toEqual({ snapshotId: 3051729675574597004n, type: 'branch' });
    expect(m.snapshots[0]?.summary.operation).toBe('append');
    expect(m.schemas[0]?.fields[3]?.type).toEqual({ type: 'decimal', precision: 9, scale: 2 });
    expect(m.schemas[0]?.fields[4]?.type).toMatchObject({ type: 'map', keyId: 6, valueId: 7 });
    expect(m.lastSequenceNumber).toBe(1n);
  });

  it('round-trips losslessly', () => {
    const m = parseTableMetadata(EXAMPLE);
    const text = serializeTableMetadata(m);
    expect(text).toContain('"current-snapshot-id":3051729675574597004');
    expect(parseTableMetadata(text)).toEqual(m);
    expect(tableMetadataToJson(m)).not.toHaveProperty('schema');
  });

  it('reads -1 as "no current snapshot" and writes it back as -1', () => {
    const empty = EXAMPLE.replace(
      '"current-snapshot-id": 3051729675574597004',
      '"current-snapshot-id": -1',
    ).replace(/"refs": \{[^}]*\}\},/, '"refs": {},');
    const m = parseTableMetadata(empty);
    expect(m.currentSnapshotId).toBeUndefined();
    expect(serializeTableMetadata(m)).toContain('"current-snapshot-id":-1');
  });

  it('synthesises the main branch when refs are missing', () => {
    const noRefs = EXAMPLE.replace(/"refs": \{[^}]*\}\},/, '');
    expect(parseTableMetadata(noRefs).refs.main?.snapshotId).toBe(3051729675574597004n);
  });

  it('rejects format v1 and v3 as unsupported and missing fields as invalid', () => {
    expect(() =>
      parseTableMetadata(EXAMPLE.replace('"format-version": 2', '"format-version": 3')),
    ).toThrowError(expect.objectContaining({ kind: 'unsupported' }));
    expect(() =>
      parseTableMetadata(EXAMPLE.replace('"location": "s3://bucket/wh/db/events",', '')),
    ).toThrowError(/'location' must be a string/);
  });
});
