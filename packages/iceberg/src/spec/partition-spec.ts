/**
 * Partition specs (spec: "Partitioning", "Partition Evolution"). The transform
 * stays in its textual form (`day`, `bucket[16]`) so unknown transforms survive
 * a metadata round trip; `transform.ts` parses it where values are computed.
 */
import { JsonReader } from '../json/json-reader.ts';
import type { JsonValue } from '../json/lossless-json.ts';

/** One partition field: `transform(source column)` stored under `name` with a table-unique `fieldId`. */
export interface PartitionField {
  readonly sourceId: number;
  /** From 1000 upward, unique across every spec of the table (v2). */
  readonly fieldId: number;
  readonly name: string;
  readonly transform: string;
}

/** A partition spec; spec 0 of an unpartitioned table has no fields. */
export interface PartitionSpec {
  readonly specId: number;
  readonly fields: readonly PartitionField[];
}

/** A partition field as a client proposes it, before the table assigns a field id (REST `UnboundPartitionSpec`). */
export interface UnboundPartitionField {
  readonly sourceId: number;
  readonly fieldId?: number;
  readonly name: string;
  readonly transform: string;
}

/** A spec as a client proposes it in `add-spec`; the table assigns missing ids. */
export interface UnboundPartitionSpec {
  readonly specId?: number;
  readonly fields: readonly UnboundPartitionField[];
}

/** The partition field id Java starts from; `last-partition-id` is 999 before any field exists. */
export const PARTITION_DATA_ID_START = 1000;

/** The unpartitioned spec with id 0. */
export const UNPARTITIONED_SPEC: PartitionSpec = { specId: 0, fields: [] };

/** Parses a partition field; `field-id` may be absent only in unbound specs. */
export function partitionFieldFromJson(json: JsonValue): UnboundPartitionField {
  const r = new JsonReader(json, 'partition field');
  const fieldId = r.optionalInt('field-id');
  return {
    sourceId: r.int('source-id'),
    name: r.string('name'),
    transform: r.string('transform'),
    ...(fieldId === undefined ? {} : { fieldId }),
  };
}

/** Parses a spec that may lack ids (as in `add-spec`). */
export function unboundPartitionSpecFromJson(json: JsonValue): UnboundPartitionSpec {
  const r = new JsonReader(json, 'partition spec');
  const specId = r.optionalInt('spec-id');
  return {
    fields: r.array('fields').map(partitionFieldFromJson),
    ...(specId === undefined ? {} : { specId }),
  };
}

/** Parses a bound spec from table metadata: every id present. */
export function partitionSpecFromJson(json: JsonValue): PartitionSpec {
  const r = new JsonReader(json, 'partition spec');
  return {
    specId: r.int('spec-id'),
    fields: r.array('fields').map((f) => {
      const fr = new JsonReader(f, 'partition field');
      return {
        sourceId: fr.int('source-id'),
        fieldId: fr.int('field-id'),
        name: fr.string('name'),
        transform: fr.string('transform'),
      };
    }),
  };
}

/** The fields array alone: the value of the manifest's `partition-spec` Avro metadata key. */
export function partitionFieldsToJson(fields: readonly UnboundPartitionField[]): JsonValue {
  return fields.map((f) => ({
    name: f.name,
    transform: f.transform,
    'source-id': f.sourceId,
    ...(f.fieldId === undefined ? {} : { 'field-id': f.fieldId }),
  }));
}

/** Writes a spec object `{spec-id, fields}`. */
export function partitionSpecToJson(spec: PartitionSpec | UnboundPartitionSpec): JsonValue {
  return {
    ...(spec.specId === undefined ? {} : { 'spec-id': spec.specId }),
    fields: partitionFieldsToJson(spec.fields),
  };
}

/** The highest field id in the spec, or 999 when it has none. */
export function highestPartitionFieldId(spec: PartitionSpec): number {
  return spec.fields.reduce((m, f) => Math.max(m, f.fieldId), PARTITION_DATA_ID_START - 1);
}

/** Same fields (source, transform, name, id) in the same order; spec ids ignored (Java `compatibleWith` + ids). */
export function sameSpecFields(a: PartitionSpec, b: PartitionSpec): boolean {
  return (
    a.fields.length === b.fields.length &&
    a.fields.every((f, i) => {
      const g = b.fields[i]!;
      return (
        f.sourceId === g.sourceId &&
        f.transform === g.transform &&
        f.name === g.name &&
        f.fieldId === g.fieldId
      );
    })
  );
}
