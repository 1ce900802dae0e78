/**
 * Commit requirements (REST `TableRequirement`, ICEBERG.md §5.4): assertions
 * about the table's current metadata that must hold for a commit to apply.
 * Failure messages follow the Java reference (`UpdateRequirement`), which the
 * REST Compatibility Kit checks by prefix.
 */
import { IcebergError } from '../errors.ts';
import { JsonReader } from '../json/json-reader.ts';
import type { JsonValue } from '../json/lossless-json.ts';
import type { TableMetadata } from '../spec/table-metadata.ts';

/** One requirement, discriminated by `type` as in the REST spec. */
export type TableRequirement =
  | { readonly type: 'assert-create' }
  | { readonly type: 'assert-table-uuid'; readonly uuid: string }
  /** `snapshotId: null` asserts the ref does not exist yet. */
  | { readonly type: 'assert-ref-snapshot-id'; readonly ref: string; readonly snapshotId: bigint | null }
  | { readonly type: 'assert-last-assigned-field-id'; readonly lastAssignedFieldId: number }
  | { readonly type: 'assert-current-schema-id'; readonly currentSchemaId: number }
  | { readonly type: 'assert-last-assigned-partition-id'; readonly lastAssignedPartitionId: number }
  | { readonly type: 'assert-default-spec-id'; readonly defaultSpecId: number }
  | { readonly type: 'assert-default-sort-order-id'; readonly defaultSortOrderId: number };

function failed(message: string, context: Record<string, unknown>): never {
  throw new IcebergError('commit-failed', `Requirement failed: ${message}`, context);
}

/**
 * Checks one requirement against the table's latest metadata (`undefined` when
 * the table does not exist). Throws `commit-failed` with the reference message.
 */
export function checkRequirement(req: TableRequirement, base: TableMetadata | undefined): void {
  if (req.type === 'assert-create') {
    if (base !== undefined) failed('table already exists', { requirement: req.type });
    return;
  }
  if (base === undefined) failed(`table does not exist (${req.type})`, { requirement: req.type });
  switch (req.type) {
    case 'assert-table-uuid':
      if (req.uuid !== base.tableUuid) {
        failed(`UUID does not match: expected ${base.tableUuid} != ${req.uuid}`, { requirement: req.type });
      }
      return;
    case 'assert-ref-snapshot-id': {
      const ref = base.refs[req.ref];
      if (ref !== undefined) {
        if (req.snapshotId === null)
          failed(`${ref.type} ${req.ref} was created concurrently`, { requirement: req.type });
        if (req.snapshotId !== ref.snapshotId) {
          failed(`${ref.type} ${req.ref} has changed: expected id ${req.snapshotId} != ${ref.snapshotId}`, {
            requirement: req.type,
            ref: req.ref,
          });
        }
      } else if (req.snapshotId !== null) {
        failed(`branch or tag ${req.ref} is missing, expected ${req.snapshotId}`, {
          requirement: req.type,
          ref: req.ref,
        });
      }
      return;
    }
    case 'assert-last-assigned-field-id':
      if (req.lastAssignedFieldId !== base.lastColumnId) {
        failed(
          `last assigned field id changed: expected id ${req.lastAssignedFieldId} != ${base.lastColumnId}`,
          {
            requirement: req.type,
          },
        );
      }
      return;
    case 'assert-current-schema-id':
      if (req.currentSchemaId !== base.currentSchemaId) {
        failed(`current schema changed: expected id ${req.currentSchemaId} != ${base.currentSchemaId}`, {
          requirement: req.type,
        });
      }
      return;
    case 'assert-last-assigned-partition-id':
      if (req.lastAssignedPartitionId !== base.lastPartitionId) {
        failed(
          `last assigned partition id changed: expected id ${req.lastAssignedPartitionId} != ${base.lastPartitionId}`,
          { requirement: req.type },
        );
      }
      return;
    case 'assert-default-spec-id':
      if (req.defaultSpecId !== base.defaultSpecId) {
        failed(`default partition spec changed: expected id ${req.defaultSpecId} != ${base.defaultSpecId}`, {
          requirement: req.type,
        });
      }
      return;
    case 'assert-default-sort-order-id':
      if (req.defaultSortOrderId !== base.defaultSortOrderId) {
        failed(
          `default sort order changed: expected id ${req.defaultSortOrderId} != ${base.defaultSortOrderId}`,
          {
            requirement: req.type,
          },
        );
      }
      return;
  }
}

/** Parses a requirement from REST JSON; an unknown `type` is `invalid-argument` (REST 400). */
export function tableRequirementFromJson(json: JsonValue): TableRequirement {
  const r = new JsonReader(json, 'table requirement');
  const type = r.string('type');
  switch (type) {
    case 'assert-create':
      return { type };
    case 'assert-table-uuid':
      return { type, uuid: r.string('uuid') };
    case 'assert-ref-snapshot-id':
      return { type, ref: r.string('ref'), snapshotId: r.optionalLong('snapshot-id') ?? null };
    case 'assert-last-assigned-field-id':
      return { type, lastAssignedFieldId: r.int('last-assigned-field-id') };
    case 'assert-current-schema-id':
      return { type, currentSchemaId: r.int('current-schema-id') };
    case 'assert-last-assigned-partition-id':
      return { type, lastAssignedPartitionId: r.int('last-assigned-partition-id') };
    case 'assert-default-spec-id':
      return { type, defaultSpecId: r.int('default-spec-id') };
    case 'assert-default-sort-order-id':
      return { type, defaultSortOrderId: r.int('default-sort-order-id') };
    default:
      throw new IcebergError('invalid-argument', `Unknown table requirement type: ${type}`, { type });
  }
}

/** Writes a requirement as REST JSON. */
export function tableRequirementToJson(req: TableRequirement): JsonValue {
  switch (req.type) {
    case 'assert-create':
      return { type: req.type };
    case 'assert-table-uuid':
      return { type: req.type, uuid: req.uuid };
    case 'assert-ref-snapshot-id':
      return { type: req.type, ref: req.ref, 'snapshot-id': req.snapshotId };
    case 'assert-last-assigned-field-id':
      return { type: req.type, 'last-assigned-field-id': req.lastAssignedFieldId };
    case 'assert-current-schema-id':
      return { type: req.type, 'current-schema-id': req.currentSchemaId };
    case 'assert-last-assigned-partition-id':
      return { type: req.type, 'last-assigned-partition-id': req.lastAssignedPartitionId };
    case 'assert-default-spec-id':
      return { type: req.type, 'default-spec-id': req.defaultSpecId };
    case 'assert-default-sort-order-id':
      return { type: req.type, 'default-sort-order-id': req.defaultSortOrderId };
  }
}
