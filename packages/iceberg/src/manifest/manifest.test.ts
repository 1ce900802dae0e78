import { describe, expect, it } from 'vitest';
import { readAvroContainer } from '../avro/avro-container.ts';
import type { DataFile } from '../spec/data-file.ts';
import type { PartitionSpec } from '../spec/partition-spec.ts';
import { decodeSingleValue } from '../spec/single-value.ts';
import type { Schema } from '../spec/types.ts';
import { readManifest, writeManifest } from './manifest.ts';
import { EntryStatus } from './manifest-file.ts';
import { readManifestList, writeManifestList } from './manifest-list.ts';

const schema: Schema = {
  schemaId: 3,
  fields: [
    { id: 1, name: 'id', required: true, type: { type: 'uuid' } },
    { id: 2, name: 'ts', required: false, type: { type: 'timestamptz' } },
    { id: 3, name: 'amount', required: false, type: { type: 'decimal', precision: 10, scale: 2 } },
    { id: 4, name: 'country', required: false, type: { type: 'string' } },
  ],
};

const spec: PartitionSpec = {
  specId: 2,
  fields: [
    { sourceId: 2, fieldId: 1000, name: 'ts_day', transform: 'day' },
    { sourceId: 1, fieldId: 1001, name: 'id', transform: 'identity' },
    { sourceId: 3, fieldId: 1002, name: 'amount', transform: 'identity' },
    { sourceId: 4, fieldId: 1003, name: 'country-code', transform: 'identity' },
  ],
};

function file(n: number, partition: DataFile['partition']): DataFile {
  return {
    content: 0,
    filePath: `s3://b/t/data/f${n}.parquet`,
    fileFormat: 'parquet',
    specId: 2,
    partition,
    recordCount: BigInt(10 * n),
    fileSizeInBytes: BigInt(1000 + n),
    columnSizes: new Map([[2, 77n]]),
    valueCounts: new Map([[2, BigInt(10 * n)]]),
    nullValueCounts: new Map([[2, 0n]]),
    lowerBounds: new Map([[4, new TextEncoder().encode('DE')]]),
    upperBounds: new Map([[4, new TextEncoder().encode('US')]]),
    splitOffsets: [4n],
    sortOrderId: 0,
  };
}

const UUID = 'f79c3e09-677c-4bbd-a479-3f349cb785e7';

describe('manifests', () => {
  it('write the v2 header keys and the schema with field ids', async () => {
    const { bytes, manifest } = await writeManifest({
      path: 's3://b/t/metadata/m0.avro',
      schema,
      spec,
      snapshotId: 9223372036854775807n,
      entries: [
        {
          status: EntryStatus.ADDED,
          snapshotId: 9223372036854775807n,
          sequenceNumber: undefined,
          fileSequenceNumber: undefined,
          dataFile: file(1, [19000, UUID, -12345n, 'DE']),
        },
      ],
    });
    const c = await readAvroContainer(bytes);
    expect(c.metadata.get('format-version')).toBe('2');
    expect(c.metadata.get('content')).toBe('data');
    expect(c.metadata.get('partition-spec-id')).toBe('2');
    expect(c.metadata.get('schema-id')).toBe('3');
    expect(JSON.parse(c.metadata.get('partition-spec')!)).toEqual([
      { name: 'ts_day', transform: 'day', 'source-id': 2, 'field-id': 1000 },
      { name: 'id', transform: 'identity', 'source-id': 1, 'field-id': 1001 },
      { name: 'amount', transform: 'identity', 'source-id': 3, 'field-id': 1002 },
      { name: 'country-code', transform: 'identity', 'source-id': 4, 'field-id': 1003 },
    ]);
    expect(JSON.parse(c.metadata.get('schema')!)['schema-id']).toBe(3);
    const text = c.metadata.get('avro.schema')!;
    expect(text).toContain('"name":"r102"');
    expect(text).toContain('"name":"k117_v118"');
    expect(text).toContain('"name":"country_x2Dcode"');
    expect(text).toContain('"logicalType":"uuid"');
    expect(manifest.manifestLength).toBe(BigInt(bytes.length));
    expect(manifest.addedFilesCount).toBe(1);
    expect(manifest.addedRowsCount).toBe(10n);
    expect(manifest.sequenceNumber).toBeUndefined();
  });

  it('round-trip entries and apply inheritance from the manifest list', async () => {
    const entries = [
      {
        status: EntryStatus.ADDED,
        snapshotId: undefined,
        sequenceNumber: undefined,
        fileSequenceNumber: undefined,
        dataFile: file(1, [19000, UUID, 150n, 'DE']),
      },
      {
        status: EntryStatus.EXISTING,
        snapshotId: 5n,
        sequenceNumber: 3n,
        fileSequenceNumber: 3n,
        dataFile: file(2, [null, UUID, -1n, null]),
      },
      {
        status: EntryStatus.DELETED,
        snapshotId: 7n,
        sequenceNumber: 1n,
        fileSequenceNumber: 1n,
        dataFile: file(3, [18000, UUID, 0n, 'US']),
      },
    ] as const;
    const written = await writeManifest({
      path: 's3://b/t/metadata/m1.avro',
      schema,
      spec,
      snapshotId: 7n,
      entries,
    });
    expect(written.manifest.minSequenceNumber).toBeUndefined();
    const list = await writeManifestList({
      snapshotId: 7n,
      parentSnapshotId: 5n,
      sequenceNumber: 4n,
      manifests: [written.manifest],
    });
    const [m] = await readManifestList(list.bytes);
    expect(m).toMatchObject({
      sequenceNumber: 4n,
      minSequenceNumber: 4n,
      addedSnapshotId: 7n,
      addedFilesCount: 1,
      existingFilesCount: 1,
      deletedFilesCount: 1,
      deletedRowsCount: 30n,
    });
    const back = await readManifest(written.bytes, m);
    expect(back.specId).toBe(2);
    expect(back.entries[0]).toMatchObject({
      status: 1,
      snapshotId: 7n,
      sequenceNumber: 4n,
      fileSequenceNumber: 4n,
    });
    expect(back.entries[1]).toMatchObject({ status: 0, snapshotId: 5n, sequenceNumber: 3n });
    expect(back.entries.map((e) => e.dataFile)).toEqual(entries.map((e) => e.dataFile));
  });

  it('summarise partitions with nulls and bounds in the result type encoding', async () => {
    const { manifest } = await writeManifest({
      path: 'p',
      schema,
      spec,
      snapshotId: 1n,
      entries: [
        {
          status: 1,
          snapshotId: 1n,
          sequenceNumber: undefined,
          fileSequenceNumber: undefined,
          dataFile: file(1, [19000, UUID, 150n, 'DE']),
        },
        {
          status: 1,
          snapshotId: 1n,
          sequenceNumber: undefined,
          fileSequenceNumber: undefined,
          dataFile: file(2, [18000, UUID, -7n, null]),
        },
      ],
    });
    const [day, , amount, country] = manifest.partitions!;
    expect(day?.containsNull).toBe(false);
    expect(decodeSingleValue({ type: 'date' }, day!.lowerBound!)).toBe(18000);
    expect(decodeSingleValue({ type: 'date' }, day!.upperBound!)).toBe(19000);
    expect(decodeSingleValue({ type: 'decimal', precision: 10, scale: 2 }, amount!.lowerBound!)).toBe(-7n);
    expect(country).toMatchObject({ containsNull: true });
    expect(new TextDecoder().decode(country!.upperBound)).toBe('DE');
  });

  it('write the manifest list header keys', async () => {
    const list = await writeManifestList({
      snapshotId: 9223372036854775807n,
      parentSnapshotId: undefined,
      sequenceNumber: 1n,
      manifests: [],
    });
    const c = await readAvroContainer(list.bytes);
    expect(Object.fromEntries([...c.metadata].filter(([k]) => !k.startsWith('avro.')))).toEqual({
      'snapshot-id': '9223372036854775807',
      'parent-snapshot-id': 'null',
      'sequence-number': '1',
      'format-version': '2',
    });
  });
});
