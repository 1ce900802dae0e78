/**
 * Remove orphan files (ICEBERG.md §4.7): delete files under the table
 * location that no metadata reaches and that are older than a safety window
 * (3 days by default, as Java's Spark action), so in-flight writes survive.
 */
import type { TableIdentifier } from '../catalog/catalog.ts';
import { keyOf, uriOf } from '../io/locations.ts';
import type { TableEnv } from './table-env.ts';

/** What orphan removal found. */
export interface OrphanResult {
  /** URIs of the deleted (or, with `dryRun`, deletable) files. */
  readonly orphans: string[];
}

const THREE_DAYS_MS = 3 * 86_400_000;

/** Deletes unreachable files older than `olderThanMs` (default now − 3 days). */
export async function removeOrphanFiles(
  env: TableEnv,
  id: TableIdentifier,
  options: { readonly olderThanMs?: number; readonly dryRun?: boolean } = {},
): Promise<OrphanResult> {
  const loaded = await env.catalog.loadTable(id);
  const m = loaded.metadata;
  const olderThan = options.olderThanMs ?? env.now() - THREE_DAYS_MS;
  const reachable = new Set<string>([loaded.metadataLocation, ...m.metadataLog.map((e) => e.metadataFile)]);
  for (const s of m.statistics) reachable.add(s.statisticsPath);
  for (const s of m.partitionStatistics) reachable.add(s.statisticsPath);
  for (const s of m.snapshots) {
    reachable.add(s.manifestList);
    for (const mf of await env.cache.manifestList(env.io, s.manifestList)) {
      if (reachable.has(mf.manifestPath)) continue;
      reachable.add(mf.manifestPath);
      for (const e of (await env.cache.manifest(env.io, mf)).entries) reachable.add(e.dataFile.filePath);
    }
  }
  const reachableKeys = new Set([...reachable].map((p) => keyOf(env.io, p)));
  const prefix = keyOf(env.io, m.location.endsWith('/') ? m.location : `${m.location}/`);
  const orphans: string[] = [];
  for await (const o of env.io.store.list(prefix)) {
    if (reachableKeys.has(o.key)) continue;
    if (o.uploaded !== undefined && o.uploaded.getTime() >= olderThan) continue;
    orphans.push(o.key);
  }
  if (!options.dryRun && orphans.length > 0) await env.io.store.delete(orphans);
  return { orphans: orphans.map((k) => uriOf(env.io, k)) };
}
