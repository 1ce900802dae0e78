/**
 * Rows → data files of a table: partitioned by the default spec's
 * transforms, sorted by the default sort order, named by the standard
 * layout, via the Parquet writer.
 */
import { valueAt } from '../expr/row-evaluator.ts';
import { keyOf } from '../io/locations.ts';
import { type Row, writeDataFiles } from '../parquet/index.ts';
import type { DataFile } from '../spec/data-file.ts';
import { indexFields } from '../spec/schema-util.ts';
import {
  currentSchema,
  defaultSortOrder,
  defaultSpec,
  specById,
  type TableMetadata,
} from '../spec/table-metadata.ts';
import { type AnyPrimitiveType, isPrimitive } from '../spec/types.ts';
import { partitionPath } from '../transforms/partition-path.ts';
import { applyTransform } from '../transforms/transform.ts';
import { dataDir, dataFileName } from './file-names.ts';
import type { TableEnv } from './table-env.ts';

/** Writes rows as new data files of the table (not committed), under the default spec unless told otherwise. */
export async function writeRows(
  env: TableEnv,
  metadata: TableMetadata,
  rows: readonly Row[],
  /** Write under this spec instead of the default one (e.g. a coarser spec for aged data). */
  specId?: number,
): Promise<DataFile[]> {
  if (rows.length === 0) return [];
  const schema = currentSchema(metadata);
  const spec = specId === undefined ? defaultSpec(metadata) : specById(metadata, specId);
  const order = defaultSortOrder(metadata);
  const fields = indexFields(schema);
  const sources = spec.fields.map((f) => {
    const source = fields.get(f.sourceId);
    const type = source?.field.type;
    if (!source || !type || !isPrimitive(type)) {
      throw new Error(
        `Partition field ${f.name} has no primitive source column ${f.sourceId} in the current schema`,
      );
    }
    return {
      transform: f.transform,
      ref: { fieldId: f.sourceId, name: source.path, type: type as AnyPrimitiveType },
    };
  });
  const uuid = env.newUuid();
  let count = 0;
  const dir = dataDir(metadata.location, metadata.properties);
  return writeDataFiles({
    store: env.io.store,
    schema,
    properties: metadata.properties,
    rows,
    ...(spec.fields.length > 0
      ? {
          partition: {
            specId: spec.specId,
            partitionOf: (row) =>
              sources.map((s) => applyTransform(s.transform, s.ref.type, valueAt(row, s.ref))),
          },
        }
      : { partition: { specId: spec.specId, partitionOf: () => [] } }),
    ...(order.fields.length > 0 ? { sortOrder: order } : {}),
    transformValue: (transform, type, value) => applyTransform(transform, type, value),
    locate: (partition) => {
      const sub = partitionPath(spec, schema, partition);
      const path = `${dir}/${sub ? `${sub}/` : ''}${dataFileName(0, 0, uuid, ++count)}`;
      return { key: keyOf(env.io, path), path };
    },
  });
}
