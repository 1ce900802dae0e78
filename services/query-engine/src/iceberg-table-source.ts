import {
  EntryStatus,
  type ManifestEntry,
  type ManifestFile,
  readManifest,
  readManifestList,
  type Snapshot,
  type TableMetadata,
} from '@analytics/iceberg';
import { columnsOf } from './duckdb-types.ts';
import { QueryError } from './errors.ts';
import { readUri, type StoreForBucket } from './object-stores.ts';
import type { LoadedMetadata, RestCatalogReader } from './rest-catalog-reader.ts';
import type {
  IncrementalPlan,
  PlannedFile,
  ScanPlan,
  SnapshotSelector,
  TableName,
  TableSource,
  TableSummary,
} from './table-source.ts';
import { qualifiedName } from './table-source.ts';

/**
 * Tables from an Iceberg REST catalog, files from their manifests (spec:
 * "Scan Planning"): the snapshot's manifest list, its data manifests, and the
 * live (ADDED or EXISTING) data-file entries. Manifest lists and manifests are
 * immutable, so they are cached in memory by path (the manifest cache).
 *
 * Not yet here (the table engine's scan planner will bring them): partition
 * and min/max pruning against a filter, and merge-on-read delete files (a
 * table with delete manifests is refused rather than read wrong).
 */
export class IcebergTableSource implements TableSource {
  readonly #catalog: RestCatalogReader;
  readonly #stores: StoreForBucket;
  readonly #tables = new Map<string, LoadedMetadata>();
  readonly #manifestLists = new Map<string, Promise<ManifestFile[]>>();
  readonly #manifests = new Map<string, Promise<ManifestEntry[]>>();
  /** Manifest cache hits and misses, for /metrics. */
  readonly cacheStats = { hits: 0, misses: 0 };

  constructor(catalog: RestCatalogReader, stores: StoreForBucket) {
    this.#catalog = catalog;
    this.#stores = stores;
  }

  async listTables(): Promise<readonly TableSummary[]> {
    const names = await this.#catalog.listTables();
    const out: TableSummary[] = [];
    for (const table of names) {
      const loaded = await this.#catalog.loadTable(table);
      this.#tables.set(qualifiedName(table), loaded);
      out.push(summaryOf(table, loaded.metadata));
    }
    return out;
  }

  async plan(table: TableName, at?: SnapshotSelector): Promise<ScanPlan> {
    const m = await this.#metadata(table);
    const snapshot = at === undefined ? current(m) : pick(m, table, at);
    const schemaId = snapshot?.schemaId ?? m.currentSchemaId;
    const schema =
      m.schemas.find((s) => s.schemaId === schemaId) ??
      m.schemas.find((s) => s.schemaId === m.currentSchemaId);
    if (!schema) throw new QueryError('internal', `Table ${qualifiedName(table)} has no schema ${schemaId}.`);
    const files = snapshot ? await this.#liveFiles(table, snapshot, () => true) : [];
    return {
      table,
      snapshotId: snapshot?.snapshotId ?? null,
      snapshotTimestampMs: snapshot?.timestampMs ?? null,
      columns: columnsOf(schema),
      files,
    };
  }

  async planIncremental(table: TableName, fromSnapshotId: bigint | null): Promise<IncrementalPlan> {
    const m = await this.#metadata(table);
    const head = current(m);
    const schema = m.schemas.find((s) => s.schemaId === m.currentSchemaId);
    const columns = schema ? columnsOf(schema) : [];
    if (!head) return { toSnapshotId: null, columns, addedFiles: [], reset: fromSnapshotId !== null };
    // Walk back from the head to `fromSnapshotId`; every step must be an append
    // for "files added since" to describe the change (compaction or deletes reset).
    const between = new Set<bigint>();
    let s: Snapshot | undefined = head;
    let appendOnly = true;
    while (s && s.snapshotId !== fromSnapshotId) {
      between.add(s.snapshotId);
      if (s.summary.operation !== 'append') appendOnly = false;
      const parent: bigint | undefined = s.parentSnapshotId;
      s = parent === undefined ? undefined : m.snapshots.find((x) => x.snapshotId === parent);
    }
    const reachedFrom = fromSnapshotId === null ? s === undefined : s !== undefined;
    if (!reachedFrom || !appendOnly) {
      return {
        toSnapshotId: head.snapshotId,
        columns,
        addedFiles: await this.#liveFiles(table, head, () => true),
        reset: fromSnapshotId !== null,
      };
    }
    const added = await this.#liveFiles(
      table,
      head,
      (e) => e.status === EntryStatus.ADDED && e.snapshotId !== undefined && between.has(e.snapshotId),
      (mf) => between.has(mf.addedSnapshotId),
    );
    return { toSnapshotId: head.snapshotId, columns, addedFiles: added, reset: false };
  }

  async #metadata(table: TableName): Promise<TableMetadata> {
    let loaded = this.#tables.get(qualifiedName(table));
    if (!loaded) {
      loaded = await this.#catalog.loadTable(table);
      this.#tables.set(qualifiedName(table), loaded);
    }
    return loaded.metadata;
  }

  async #liveFiles(
    table: TableName,
    snapshot: Snapshot,
    keep: (e: ManifestEntry) => boolean,
    keepManifest: (m: ManifestFile) => boolean = () => true,
  ): Promise<PlannedFile[]> {
    const manifests = await this.#cached(this.#manifestLists, snapshot.manifestList, async () =>
      readManifestList(await readUri(this.#stores, snapshot.manifestList)),
    );
    const out: PlannedFile[] = [];
    for (const mf of manifests) {
      if (mf.content !== 0) {
        throw new QueryError(
          'internal',
          `Table ${qualifiedName(table)} has delete files (merge-on-read), which the query engine does not apply yet.`,
          { manifest: mf.manifestPath },
        );
      }
      if (!keepManifest(mf)) continue;
      const entries = await this.#cached(
        this.#manifests,
        mf.manifestPath,
        async () => (await readManifest(await readUri(this.#stores, mf.manifestPath), mf)).entries,
      );
      for (const e of entries) {
        if (e.status === EntryStatus.DELETED || e.dataFile.content !== 0 || !keep(e)) continue;
        out.push({
          uri: e.dataFile.filePath,
          recordCount: e.dataFile.recordCount,
          sizeInBytes: e.dataFile.fileSizeInBytes,
        });
      }
    }
    return out;
  }

  #cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    if (hit) {
      this.cacheStats.hits++;
      return hit;
    }
    this.cacheStats.misses++;
    const p = load().catch((e) => {
      map.delete(key);
      throw e;
    });
    map.set(key, p);
    return p;
  }
}

function current(m: TableMetadata): Snapshot | undefined {
  return m.currentSnapshotId === undefined
    ? undefined
    : m.snapshots.find((s) => s.snapshotId === m.currentSnapshotId);
}

/** Time travel (spec: "Snapshot log"): by id, or the last snapshot current at or before a timestamp. */
function pick(m: TableMetadata, table: TableName, at: SnapshotSelector): Snapshot | undefined {
  if ('snapshotId' in at) {
    const s = m.snapshots.find((x) => x.snapshotId === at.snapshotId);
    if (!s) {
      throw new QueryError(
        'not-found',
        `Snapshot ${at.snapshotId} of ${qualifiedName(table)} does not exist (it may have expired).`,
        {
          snapshotId: at.snapshotId.toString(),
        },
      );
    }
    return s;
  }
  let id: bigint | undefined;
  for (const entry of m.snapshotLog) if (entry.timestampMs <= at.timestampMs) id = entry.snapshotId;
  if (id === undefined && m.snapshotLog.length === 0) {
    for (const s of m.snapshots) if (s.timestampMs <= at.timestampMs) id = s.snapshotId;
  }
  return id === undefined ? undefined : m.snapshots.find((s) => s.snapshotId === id);
}

function summaryOf(table: TableName, m: TableMetadata): TableSummary {
  const head = current(m);
  const sum = head?.summary as Readonly<Record<string, string>> | undefined;
  const big = (k: string) => {
    const v = sum?.[k];
    return v && /^\d+$/.test(v) ? BigInt(v) : 0n;
  };
  return {
    table,
    location: m.location,
    currentSnapshotId: head?.snapshotId ?? null,
    lastUpdatedMs: m.lastUpdatedMs,
    recordCount: big('total-records'),
    sizeInBytes: big('total-files-size'),
    fileCount: big('total-data-files'),
    formatVersion: m.formatVersion,
    snapshots: [...m.snapshots]
      .sort((a, b) => b.timestampMs - a.timestampMs)
      .map((s) => ({
        snapshotId: s.snapshotId,
        parentSnapshotId: s.parentSnapshotId ?? null,
        sequenceNumber: s.sequenceNumber,
        timestampMs: s.timestampMs,
        operation: String((s.summary as Readonly<Record<string, string>>).operation ?? ''),
        summary: { ...(s.summary as Readonly<Record<string, string>>) },
      })),
  };
}
