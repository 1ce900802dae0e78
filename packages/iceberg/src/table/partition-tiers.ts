/**
 * Partition tiers (SEED "Partitioning Strategy"): recent data in hour
 * partitions, older days in day partitions, older months in month
 * partitions. New data keeps the table's default spec; aged files are
 * rewritten under coarser specs that exist beside it (spec "Partition
 * Evolution": each file keeps the spec it was written with, and planning
 * projects a filter onto every spec). This module decides what moves where;
 * `tier-partitions.ts` does the rewriting.
 *
 * A file moves only when the whole coarser partition it lands in is past the
 * tier's age (a day once that day ended `dayAfterMs` ago, a month once that
 * month ended `monthAfterMs` ago), so each partition is filled in one go and
 * every row is rewritten at most once per tier.
 */

import { partitionKey } from '../scan/partition-key.ts';
import type { DataFile, PartitionValue } from '../spec/data-file.ts';
import { defaultPartitionFieldName } from '../spec/partition-evolution.ts';
import type { PartitionField, PartitionSpec, UnboundPartitionField } from '../spec/partition-spec.ts';
import { indexFields } from '../spec/schema-util.ts';
import { currentSchema, defaultSpec, specById, type TableMetadata } from '../spec/table-metadata.ts';
import { applyTransform, parseTransform } from '../transforms/transform.ts';
import { packBins } from './compaction-groups.ts';
import type { PartitionTierSettings } from './table-properties.ts';

/** The time transforms, finest first. */
export type TimeUnit = 'hour' | 'day' | 'month' | 'year';

const RANK: Readonly<Record<TimeUnit, number>> = { hour: 0, day: 1, month: 2, year: 3 };
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A coarser tier: partitions of `unit` for data whose `unit` ended more than `afterMs` ago. */
export interface PartitionTier {
  readonly unit: 'day' | 'month';
  readonly afterMs: number;
}

/** How a table's data ages through partition specs. */
export interface TierLadder {
  /** The default spec's time field (`hour` or `day` of a column). */
  readonly field: PartitionField;
  /** The name (path) of its source column. */
  readonly column: string;
  /** The tiers coarser than the default spec's unit, finest first. */
  readonly tiers: readonly PartitionTier[];
}

function timeUnit(transform: string): TimeUnit | undefined {
  const kind = parseTransform(transform).kind;
  return kind === 'hour' || kind === 'day' || kind === 'month' || kind === 'year' ? kind : undefined;
}

/**
 * The ladder of a table: its default spec's first `hour` or `day` field and
 * the coarser tiers after it. Undefined when the default spec has no such
 * field (unpartitioned tables, identity or bucket partitions, month
 * partitions already): there is nothing to tier.
 */
export function tierLadder(
  metadata: TableMetadata,
  settings: Pick<PartitionTierSettings, 'dayAfterMs' | 'monthAfterMs'>,
): TierLadder | undefined {
  const field = defaultSpec(metadata).fields.find((f) => {
    const unit = timeUnit(f.transform);
    return unit === 'hour' || unit === 'day';
  });
  if (!field) return undefined;
  const column = indexFields(currentSchema(metadata)).get(field.sourceId)?.path;
  if (!column) return undefined;
  const all: PartitionTier[] = [
    { unit: 'day', afterMs: settings.dayAfterMs },
    { unit: 'month', afterMs: settings.monthAfterMs },
  ];
  const base = RANK[timeUnit(field.transform)!];
  return { field, column, tiers: all.filter((t) => RANK[t.unit] > base) };
}

/** The fields of the tier spec for `unit`: the default spec with its time field coarsened. */
export function tierSpecFields(
  metadata: TableMetadata,
  ladder: TierLadder,
  unit: PartitionTier['unit'],
): UnboundPartitionField[] {
  return defaultSpec(metadata).fields.map((f) =>
    f.fieldId === ladder.field.fieldId
      ? { sourceId: f.sourceId, name: defaultPartitionFieldName(ladder.column, unit), transform: unit }
      : { sourceId: f.sourceId, fieldId: f.fieldId, name: f.name, transform: f.transform },
  );
}

/** The table's existing spec with these fields (same sources and transforms, in order), if any. */
export function findSpec(
  metadata: TableMetadata,
  fields: readonly UnboundPartitionField[],
): PartitionSpec | undefined {
  return metadata.partitionSpecs.find(
    (s) =>
      s.fields.length === fields.length &&
      s.fields.every((f, i) => f.sourceId === fields[i]!.sourceId && f.transform === fields[i]!.transform),
  );
}

/** Start of the `unit` partition with this transform value, in ms since the epoch. */
export function unitStartMs(unit: TimeUnit, value: number): number {
  switch (unit) {
    case 'hour':
      return value * HOUR_MS;
    case 'day':
      return value * DAY_MS;
    case 'month':
      return Date.UTC(1970 + Math.floor(value / 12), ((value % 12) + 12) % 12, 1);
    case 'year':
      return Date.UTC(1970 + value, 0, 1);
  }
}

/** Data files moving to one partition of a tier, rewritten by one `replace` snapshot. */
export interface TierGroup {
  readonly unit: PartitionTier['unit'];
  /** The tier partition's time value (days or months since 1970). */
  readonly value: number;
  /**
   * The tier spec's partition tuple (as `tierSpecFields` orders it); a value
   * the source files' specs do not carry is null (rows are partitioned again
   * as they are written, so this is only for reports).
   */
  readonly partition: readonly PartitionValue[];
  readonly files: readonly DataFile[];
  readonly inputBytes: number;
}

/** What moves this time, and what stays. */
export interface TierPlan {
  /** Oldest partition first. */
  readonly groups: readonly TierGroup[];
  /** Files due to move but larger than a group may read; left where they are. */
  readonly oversized: readonly DataFile[];
}

/**
 * Plans the move of aged data files to coarser tiers. A file is due for the
 * coarsest tier whose partition around it ended more than the tier's age
 * before `nowMs` and is coarser than the file's own partition (files never
 * move back to a finer tier). Files without a time partition on the ladder's
 * column are left alone. Due files are grouped by tier partition and
 * bin-packed into groups of at most `maxGroupBytes` input, oldest first.
 */
export function planTierGroups(
  metadata: TableMetadata,
  ladder: TierLadder,
  files: readonly DataFile[],
  nowMs: number,
  maxGroupBytes: number,
): TierPlan {
  const targets = ladder.tiers.map((tier) => ({ tier, fields: tierSpecFields(metadata, ladder, tier.unit) }));
  const byPartition = new Map<
    string,
    { group: Omit<TierGroup, 'files' | 'inputBytes'>; files: DataFile[] }
  >();
  const oversized: DataFile[] = [];
  for (const file of files) {
    if (file.content !== 0) continue;
    const spec = specById(metadata, file.specId);
    const at = spec.fields.findIndex(
      (f) => f.sourceId === ladder.field.sourceId && timeUnit(f.transform) !== undefined,
    );
    const value = file.partition[at];
    if (at < 0 || typeof value !== 'number') continue;
    const unit = timeUnit(spec.fields[at]!.transform)!;
    const startMs = unitStartMs(unit, value);
    const startUs = BigInt(startMs) * 1000n;
    // Coarsest tier first: a file old enough for months skips the day tier.
    const target = [...targets].reverse().find(({ tier }) => {
      if (RANK[tier.unit] <= RANK[unit]) return false;
      const v = applyTransform(tier.unit, { type: 'timestamptz' }, startUs) as number;
      return unitStartMs(tier.unit, v + 1) <= nowMs - tier.afterMs;
    });
    if (!target) continue;
    if (Number(file.fileSizeInBytes) > maxGroupBytes) {
      oversized.push(file);
      continue;
    }
    const tierValue = applyTransform(target.tier.unit, { type: 'timestamptz' }, startUs) as number;
    // The other partition values carry over when the file's spec has the same field.
    let derivable = true;
    const partition = target.fields.map((f) => {
      if (f.sourceId === ladder.field.sourceId && f.transform === target.tier.unit) return tierValue;
      const j = spec.fields.findIndex((g) => g.sourceId === f.sourceId && g.transform === f.transform);
      if (j < 0) derivable = false;
      return j < 0 ? null : (file.partition[j] ?? null);
    });
    const key = `${target.tier.unit}|${partitionKey(-1, partition)}${derivable ? '' : `|from ${partitionKey(file.specId, file.partition)}`}`;
    const entry = byPartition.get(key) ?? {
      group: { unit: target.tier.unit, value: tierValue, partition },
      files: [],
    };
    entry.files.push(file);
    byPartition.set(key, entry);
  }
  const ordered = [...byPartition]
    .sort(
      ([ka, a], [kb, b]) =>
        unitStartMs(a.group.unit, a.group.value) - unitStartMs(b.group.unit, b.group.value) ||
        (ka < kb ? -1 : ka > kb ? 1 : 0),
    )
    .map(([, entry]) => entry);
  const groups: TierGroup[] = [];
  for (const { group, files: due } of ordered) {
    for (const bin of packBins(due, maxGroupBytes))
      groups.push({ ...group, files: bin.files, inputBytes: bin.bytes });
  }
  return { groups, oversized };
}
