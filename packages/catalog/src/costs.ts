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
 * The `/v1/costs` report (ops contract `CostReport`). Storage is measured by
 * listing each table's location (what R2 bills: live, expired and orphaned
 * files alike); operations are the class A/B counters the services reported
 * this month (the listing itself is counted by the R2 adapter, like every
 * call the catalog makes). Month-to-date storage is the monthly rate times the elapsed
 * fraction of the month; projections scale month-to-date operations linearly.
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
    const location = metadata?.location ?? p.metadataLocation.replace(/\/metadata\/[^/]*$/, '');
    const { bucket, key: prefix, store } = resolveObject(ctx.buckets, `${location.replace(/\/+$/, '')}/`);
    let bytes = 0;
    let files = 0;
    for await (const o of store.list(prefix)) {
      bytes += o.size;
      files++;
    }
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
