import { fileIO, ManifestCache, type TableMetadata } from '@analytics/iceberg';
import type { CatalogContext } from './catalog-context.ts';
import { formatNamespace } from './identifiers.ts';
import { resolveObject } from './object-locations.ts';

/** R2 list prices in USD (configurable; defaults are Cloudflare's R2 Standard list prices). */
export interface R2Prices {
  readonly storagePerGbMonth: number;
  readonly classAPerMillion: number;
  readonly classBPerMillion: number;
}

/** Cloudflare R2 Standard list prices. */
export const R2_LIST_PRICES: R2Prices = {
  storagePerGbMonth: 0.015,
  classAPerMillion: 4.5,
  classBPerMillion: 0.36,
};

const GB = 1e9;

function monthBounds(nowMs: number): { start: Date; end: Date; key: string } {
  const now = new Date(nowMs);
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end, key: start.toISOString().slice(0, 7) };
}

/** The month key (`YYYY-MM`, UTC) operation counters are filed under. */
export function usageMonth(nowMs: number): string {
  return monthBounds(nowMs).key;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * The bytes and files a table keeps, from its metadata and manifests: every
 * metadata file it still lists (the current one and the metadata log), and,
 * for every snapshot it retains, the manifest list, the manifests
 * (`manifest_length`) and the data and delete files they name
 * (`file_size_in_bytes`), each counted once. Manifest lists and metadata
 * files have no size in the metadata, so those are read with a head; the
 * manifests are read (class B operations, cheaper than listing the table's
 * prefix, which is class A per 1,000 objects). Orphan files are not counted:
 * orphan removal deletes them.
 */
async function tableFootprint(
  ctx: CatalogContext,
  metadataLocation: string,
  metadata: TableMetadata,
): Promise<{ bytes: number; files: number }> {
  const seen = new Set<string>();
  let bytes = 0;
  const add = (path: string, size: number | bigint) => {
    if (seen.has(path)) return false;
    seen.add(path);
    bytes += Number(size);
    return true;
  };
  const head = async (uri: string) => {
    const { key, store } = resolveObject(ctx.buckets, uri);
    return (await store.head(key))?.size;
  };
  for (const path of [metadataLocation, ...metadata.metadataLog.map((e) => e.metadataFile)]) {
    const size = await head(path).catch(() => undefined);
    if (size !== undefined) add(path, size);
  }
  const cache = new ManifestCache();
  for (const snapshot of metadata.snapshots) {
    const { bucket, store } = resolveObject(ctx.buckets, snapshot.manifestList);
    const io = fileIO(store, `s3://${bucket}/`);
    const listSize = await head(snapshot.manifestList).catch(() => undefined);
    if (listSize === undefined) continue; // expired underneath us, or never written
    add(snapshot.manifestList, listSize);
    for (const manifest of await cache.manifestList(io, snapshot.manifestList)) {
      if (!add(manifest.manifestPath, manifest.manifestLength)) continue;
      for (const entry of (await cache.manifest(io, manifest)).entries) {
        add(entry.dataFile.filePath, entry.dataFile.fileSizeInBytes);
      }
    }
  }
  return { bytes, files: seen.size };
}

/**
 * The `/v1/costs` report (ops contract `CostReport`). Storage per table comes
 * from its metadata and manifests (see `tableFootprint`); operations are the
 * class A/B counters the services reported this month (the catalog's own
 * reads are counted by its R2 adapter, like every call it makes). Month-to-date
 * storage is the monthly rate times the elapsed fraction of the month;
 * projections scale month-to-date operations linearly.
 */
export async function costReport(ctx: CatalogContext, prices: R2Prices): Promise<Record<string, unknown>> {
  const nowMs = ctx.nowMs();
  const { start, end, key } = monthBounds(nowMs);
  const elapsed = Math.max((nowMs - start.getTime()) / (end.getTime() - start.getTime()), 1e-6);
  const pointers = ctx.store.transact((tx) => tx.tables.all());
  const tables = [];
  let totalBytes = 0;
  for (const p of pointers) {
    const metadata = await ctx.files.read(p.metadataLocation).catch(() => undefined);
    const { bucket } = resolveObject(ctx.buckets, p.metadataLocation);
    const { bytes, files } = metadata
      ? await tableFootprint(ctx, p.metadataLocation, metadata)
      : { bytes: 0, files: 0 };
    totalBytes += bytes;
    tables.push({
      namespace: formatNamespace(p.identifier.namespace),
      table: p.identifier.name,
      bucket,
      bytes,
      files,
      cost: round((bytes / GB) * prices.storagePerGbMonth * elapsed),
    });
  }
  ctx.writeUsage?.();
  const usage = ctx.store.transact((tx) => tx.journal.usage(key));
  const countA = usage.reduce((n, r) => n + r.classA, 0);
  const countB = usage.reduce((n, r) => n + r.classB, 0);
  const storageMonthly = (totalBytes / GB) * prices.storagePerGbMonth;
  const mtd = {
    storage: storageMonthly * elapsed,
    class_a: (countA / 1e6) * prices.classAPerMillion,
    class_b: (countB / 1e6) * prices.classBPerMillion,
  };
  const totals = (t: { storage: number; class_a: number; class_b: number }) => ({
    storage: round(t.storage),
    class_a: round(t.class_a),
    class_b: round(t.class_b),
    total: round(t.storage + t.class_a + t.class_b),
  });
  return {
    currency: 'USD',
    period_start: start.toISOString(),
    period_end: end.toISOString(),
    generated_at: new Date(nowMs).toISOString(),
    prices: {
      storage_per_gb_month: prices.storagePerGbMonth,
      class_a_per_million: prices.classAPerMillion,
      class_b_per_million: prices.classBPerMillion,
      egress_per_gb: 0,
    },
    storage: { total_bytes: totalBytes, tables },
    operations: {
      class_a: { count: countA, cost: round(mtd.class_a) },
      class_b: { count: countB, cost: round(mtd.class_b) },
    },
    month_to_date: totals(mtd),
    projected_monthly: totals({
      storage: storageMonthly,
      class_a: mtd.class_a / elapsed,
      class_b: mtd.class_b / elapsed,
    }),
  };
}
