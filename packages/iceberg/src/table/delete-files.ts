/**
 * Merge-on-read deletes (spec: "Position Delete Files", "Row-level deletes"):
 * writing a position delete file for rows of one data file and committing
 * delete files in a `delete` snapshot, as Spark or PyIceberg would. The data
 * files stay; readers drop the named rows.
 */
import type { TableIdentifier } from '../catalog/catalog.ts';
import { keyOf } from '../io/locations.ts';
import { writeDataFiles } from '../parquet/index.ts';
import type { DataFile } from '../spec/data-file.ts';
import { specById, type TableMetadata } from '../spec/table-metadata.ts';
import { dataDir } from './file-names.ts';
import { POSITION_DELETE_SCHEMA } from './read-task-rows.ts';
import { type CommitResult, commitSnapshot } from './snapshot-producer.ts';
import type { TableEnv } from './table-env.ts';

/** Writes a position delete file (not committed) naming `positions` (0-based row numbers) of `dataFile`. */
export async function writePositionDeletes(
  env: TableEnv,
  metadata: TableMetadata,
  dataFile: DataFile,
  positions: readonly number[],
): Promise<DataFile> {
  specById(metadata, dataFile.specId); // the spec must exist
  const rows = [...positions]
    .sort((a, b) => a - b)
    .map((pos) => ({ file_path: dataFile.filePath, pos: BigInt(pos) }));
  const base = dataFile.filePath.slice(0, dataFile.filePath.lastIndexOf('/'));
  const path = `${base.startsWith(dataDir(metadata.location, metadata.properties)) ? base : dataDir(metadata.location, metadata.properties)}/delete-${env.newUuid()}.parquet`;
  const [written] = await writeDataFiles({
    store: env.io.store,
    schema: POSITION_DELETE_SCHEMA,
    // Full bounds on file_path let readers skip this file for other data files.
    properties: { ...metadata.properties, 'write.metadata.metrics.column.file_path': 'full' },
    rows,
    partition: { specId: dataFile.specId, partitionOf: () => dataFile.partition },
    locate: () => ({ key: keyOf(env.io, path), path }),
  });
  return { ...written!, content: 1 };
}

/** Commits delete files in a `delete` snapshot (Java: `RowDelta` without new data files). */
export function commitDeleteFiles(
  env: TableEnv,
  id: TableIdentifier,
  deleteFiles: readonly DataFile[],
): Promise<CommitResult> {
  return commitSnapshot(env, id, { operation: 'delete', added: [], deleted: [], addedDeletes: deleteFiles });
}
