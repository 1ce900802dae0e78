/**
 * Scan planning (spec: "Scan Planning"): from a snapshot's manifest list to
 * the live data files a filter may match. Pruning happens in three steps —
 * manifests by their partition summaries, entries by their partition tuple
 * (both through the filter's inclusive projection onto each spec), then
 * files by their column metrics and null counts. Every data file comes with
 * the delete files that apply to it (see `delete-file-index.ts`).
 */
import { type BoundExpression, bindExpression } from '../expr/bound-expression.ts';
import { alwaysTrue, type Expression } from '../expr/expression.ts';
import { type ColumnStats, dataFileStats, mightMatch } from '../expr/metrics-evaluator.ts';
import { partitionRow, projectInclusive } from '../expr/projection.ts';
import { evaluateRow } from '../expr/row-evaluator.ts';
import type { FileIO } from '../io/locations.ts';
import { EntryStatus, type ManifestEntry, type ManifestFile } from '../manifest/manifest-file.ts';
import type { DataFile } from '../spec/data-file.ts';
import type { PartitionSpec } from '../spec/partition-spec.ts';
import { decodeSingleValue } from '../spec/single-value.ts';
import type { Snapshot } from '../spec/snapshot.ts';
import { schemaById, specById, type TableMetadata } from '../spec/table-metadata.ts';
import type { AnyPrimitiveType, Schema } from '../spec/types.ts';
import { DeleteFileIndex, type DeleteFileTask } from './delete-file-index.ts';
import { ManifestCache } from './manifest-cache.ts';
import { type SnapshotSelector, selectSnapshot } from './snapshot-selection.ts';

/** A data file to read, with its entry's sequence numbers and the delete files that apply to it. */
export interface FileScanTask {
  readonly file: DataFile;
  readonly dataSequenceNumber: bigint | undefined;
  readonly snapshotId: bigint | undefined;
  /** Position and equality delete files whose rows a reader must remove from this file's rows. */
  readonly deletes: readonly DeleteFileTask[];
}

/** Counters that show what planning pruned. */
export interface ScanMetrics {
  totalManifests: number;
  skippedManifests: number;
  totalDataFiles: number;
  skippedByPartition: number;
  skippedByMetrics: number;
}

/** The planned scan: the snapshot read, the schema to read it with and the files. */
export interface ScanPlan {
  readonly snapshot: Snapshot | undefined;
  readonly schema: Schema;
  readonly filter: BoundExpression;
  readonly tasks: FileScanTask[];
  readonly metrics: ScanMetrics;
}

/** Options of `planFiles`. */
export interface PlanOptions extends SnapshotSelector {
  readonly filter?: Expression;
  /** Reuse decoded manifests across scans (default: a cache per call). */
  readonly cache?: ManifestCache;
}

function decodeOr(type: AnyPrimitiveType, bytes: Uint8Array | undefined): unknown {
  if (!bytes) return undefined;
  try {
    return decodeSingleValue(type, bytes);
  } catch {
    return undefined;
  }
}

/** True unless the manifest's partition summaries prove that no file matches the projected filter. */
export function manifestMightMatch(
  manifest: ManifestFile,
  spec: PartitionSpec,
  projected: BoundExpression,
): boolean {
  if (projected.type === 'true' || !manifest.partitions) return true;
  const byFieldId = new Map(spec.fields.map((f, i) => [f.fieldId, manifest.partitions![i]]));
  return mightMatch(projected, (fieldId, type): ColumnStats => {
    const s = byFieldId.get(fieldId);
    if (!s) return {};
    return {
      containsNull: s.containsNull,
      ...(s.containsNan === undefined ? {} : { containsNan: s.containsNan }),
      lower: decodeOr(type, s.lowerBound),
      upper: decodeOr(type, s.upperBound),
    };
  });
}

/** Live entries of a snapshot's data manifests, pruned by a bound filter. */
export async function planTasks(
  io: FileIO,
  metadata: TableMetadata,
  snapshot: Snapshot | undefined,
  filter: BoundExpression,
  cache: ManifestCache,
): Promise<{ tasks: FileScanTask[]; metrics: ScanMetrics; entries: ManifestEntry[] }> {
  const metrics: ScanMetrics = {
    totalManifests: 0,
    skippedManifests: 0,
    totalDataFiles: 0,
    skippedByPartition: 0,
    skippedByMetrics: 0,
  };
  const tasks: FileScanTask[] = [];
  const entries: ManifestEntry[] = [];
  if (!snapshot) return { tasks, metrics, entries };
  const listed = await cache.manifestList(io, snapshot.manifestList);
  const manifests = listed.filter((m) => m.content === 0);
  const deleteManifests = await Promise.all(
    listed.filter((m) => m.content === 1).map((m) => cache.manifest(io, m)),
  );
  const deletes = new DeleteFileIndex(
    deleteManifests.flatMap((r) => r.entries.filter((e) => e.status !== EntryStatus.DELETED)),
    (specId) => specById(metadata, specId),
  );
  const projections = new Map<number, BoundExpression>();
  const projectionFor = (specId: number) => {
    let p = projections.get(specId);
    if (!p) {
      p = projectInclusive(filter, specById(metadata, specId));
      projections.set(specId, p);
    }
    return p;
  };
  metrics.totalManifests = manifests.length;
  const kept = manifests.filter((m) => {
    const ok = manifestMightMatch(m, specById(metadata, m.partitionSpecId), projectionFor(m.partitionSpecId));
    if (!ok) metrics.skippedManifests++;
    return ok;
  });
  const read = await Promise.all(kept.map((m) => cache.manifest(io, m)));
  read.forEach((r, i) => {
    const spec = specById(metadata, kept[i]!.partitionSpecId);
    const projected = projectionFor(spec.specId);
    for (const e of r.entries) {
      if (e.status === EntryStatus.DELETED) continue;
      metrics.totalDataFiles++;
      if (projected.type !== 'true' && !evaluateRow(projected, partitionRow(spec, e.dataFile.partition))) {
        metrics.skippedByPartition++;
        continue;
      }
      if (!mightMatch(filter, (id, type) => dataFileStats(e.dataFile, id, type))) {
        metrics.skippedByMetrics++;
        continue;
      }
      entries.push(e);
      tasks.push({
        file: e.dataFile,
        dataSequenceNumber: e.sequenceNumber,
        snapshotId: e.snapshotId,
        deletes: deletes.isEmpty ? [] : deletes.deletesFor(e.dataFile, e.sequenceNumber ?? 0n),
      });
    }
  });
  return { tasks, metrics, entries };
}

/**
 * Plans a scan: picks the snapshot (current, by id, by ref, or as of a
 * timestamp), binds the filter to the schema of that snapshot (or the
 * current schema) and returns the data files that may match.
 */
export async function planFiles(
  io: FileIO,
  metadata: TableMetadata,
  options: PlanOptions = {},
): Promise<ScanPlan> {
  const snapshot = selectSnapshot(metadata, options);
  const schema = schemaById(metadata, snapshot?.schemaId ?? metadata.currentSchemaId);
  const filter = bindExpression(schema, options.filter ?? alwaysTrue);
  const { tasks, metrics } = await planTasks(
    io,
    metadata,
    snapshot,
    filter,
    options.cache ?? new ManifestCache(),
  );
  return { snapshot, schema, filter, tasks, metrics };
}
