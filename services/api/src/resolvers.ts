import { EVENT_TABLES } from '@analytics/events';
import type { ResolverTypes } from '@analytics/generated/graphql/index.ts';
import { apiError } from './api-error.ts';
import type { BufferReader, QueryEngineClient } from './query-engine-client.ts';
import { instantMs } from './scalars.ts';

type R = ResolverTypes.ResolversTypes;

/** Per-request context of every resolver. */
export interface ApiContext {
  readonly engine: QueryEngineClient;
  /** The collector's buffers (absent when the collector is not bound). */
  readonly buffers: BufferReader | undefined;
  readonly now: () => number;
}

interface EngineTable {
  namespace: string[];
  name: string;
  location: string;
  currentSnapshotId: string | null;
  lastUpdatedMs: number;
  recordCount: string;
  sizeInBytes: string;
  fileCount: string;
  formatVersion: number;
  snapshots: {
    snapshotId: string;
    parentSnapshotId: string | null;
    sequenceNumber: string;
    timestampMs: number;
    operation: string;
    summary: Record<string, string>;
  }[];
}

function timeRange(r: ResolverTypes.TimeRange): { startMs: number; endMs: number } {
  const startMs = instantMs(r.start, 'start');
  const endMs = instantMs(r.end, 'end');
  if (!(endMs > startMs)) {
    throw apiError('BAD_USER_INPUT', `timeRange.end (${r.end}) must be after timeRange.start (${r.start}).`);
  }
  return { startMs, endMs };
}

function filter(f: ResolverTypes.EventFilter | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (f?.projectId) out.projectId = f.projectId;
  if (f?.environment) out.environment = f.environment;
  if (f?.pathPrefix) out.pathPrefix = f.pathPrefix;
  return out;
}

function toTable(t: EngineTable): R['Table'] {
  return {
    name: t.name,
    namespace: t.namespace,
    location: t.location,
    currentSnapshotId: t.currentSnapshotId,
    lastUpdated: new Date(t.lastUpdatedMs),
    recordCount: t.recordCount,
    sizeInBytes: t.sizeInBytes,
    fileCount: t.fileCount,
    formatVersion: t.formatVersion,
    snapshots: t.snapshots.map((s) => ({
      snapshotId: s.snapshotId,
      parentSnapshotId: s.parentSnapshotId,
      sequenceNumber: s.sequenceNumber,
      timestamp: new Date(s.timestampMs),
      operation: s.operation,
      summary: s.summary,
    })),
  };
}

/** The analytics API's resolvers, typed by the generated resolver types; each forwards to the query engine. */
export const resolvers: ResolverTypes.Resolvers<ApiContext> = {
  Query: {
    // The namespaces carry no data: their fields do the work.
    analytics: () => ({}) as R['Analytics'],
    catalog: () => ({}) as R['Catalog'],
  },
  Analytics: {
    eventCounts: (_p, a, { engine }) =>
      engine.call('eventCounts', {
        timeRange: timeRange(a.timeRange),
        eventTypes: a.eventTypes ?? null,
        filter: filter(a.filter),
        uniques: a.uniques,
      }),
    async timeTravel(_p, a, { engine }) {
      if ((a.timestamp == null) === (a.snapshotId == null)) {
        throw apiError('BAD_USER_INPUT', 'timeTravel needs exactly one of `timestamp` and `snapshotId`.');
      }
      const r = await engine.call<{
        columns: string[];
        results: unknown[];
        rowCount: number;
        truncated: boolean;
        snapshotId: string | null;
        snapshotTimestampMs: number | null;
      }>('sql', {
        query: a.query,
        limit: a.limit,
        ...(a.timestamp != null
          ? { timestampMs: instantMs(a.timestamp) }
          : { snapshotId: String(a.snapshotId) }),
      });
      return {
        results: r.results,
        columns: r.columns,
        rowCount: r.rowCount,
        truncated: r.truncated,
        snapshotId: r.snapshotId,
        snapshotTimestamp: r.snapshotTimestampMs === null ? null : new Date(r.snapshotTimestampMs),
      };
    },
    traffic: (_p, a, { engine }) =>
      engine.call('traffic', {
        timeRange: timeRange(a.timeRange),
        interval: a.interval,
        filter: filter(a.filter),
        uniques: a.uniques,
      }),
    topPages: (_p, a, { engine }) =>
      engine.call('topPages', {
        timeRange: timeRange(a.timeRange),
        filter: filter(a.filter),
        limit: a.limit,
        uniques: a.uniques,
      }),
    breakdown: (_p, a, { engine }) =>
      engine.call('breakdown', {
        dimension: a.dimension,
        timeRange: timeRange(a.timeRange),
        filter: filter(a.filter),
        limit: a.limit,
        uniques: a.uniques,
      }),
    videoEngagement: (_p, a, { engine }) =>
      engine.call('videoEngagement', {
        timeRange: timeRange(a.timeRange),
        filter: filter(a.filter),
        videoIds: a.videoIds ?? null,
        limit: a.limit,
        uniques: a.uniques,
      }),
    async realtime(_p, a, { engine, buffers, now }) {
      // Events not yet flushed live in the collector's buffers: read them over
      // the binding and let the engine merge them with committed data (it
      // drops any that were committed meanwhile, by event id).
      const minutes = Math.min(60, Math.max(1, a.minutes));
      const toMicros = (now() + 120_000) * 1000;
      const fromMicros = toMicros - (minutes + 3) * 60_000_000;
      const buffered = buffers
        ? (
            await Promise.all(
              EVENT_TABLES.map((t) => buffers.readBuffered(t, fromMicros, toMicros).catch(() => [])),
            )
          ).flat()
        : undefined;
      return engine.call('realtime', {
        filter: filter(a.filter),
        minutes,
        topLimit: 100,
        ...(buffered ? { buffered: buffered.map(jsonSafe) } : {}),
      });
    },
  },
  Realtime: {
    topPages: (parent, a) => parent.topPages.slice(0, Math.max(0, a.limit)),
  },
  Catalog: {
    async tables(_p, a, { engine }) {
      const tables = await engine.call<EngineTable[]>('tables', {});
      const ns = a.namespace ?? null;
      return tables.filter((t) => ns === null || t.namespace.join('.') === ns).map(toTable);
    },
    async table(_p, a, { engine }) {
      const tables = await engine.call<EngineTable[]>('tables', {});
      const t = tables.find((x) => x.namespace.join('.') === a.namespace && x.name === a.name);
      return t ? toTable(t) : null;
    },
    async namespaces(_p, _a, { engine }) {
      const tables = await engine.call<EngineTable[]>('tables', {});
      return [...new Set(tables.map((t) => t.namespace.join('.')))].sort();
    },
  },
  Table: {
    snapshots: (parent, a) => parent.snapshots.slice(0, Math.max(0, a.limit)),
  },
};

/** Rows over JSON: bigint values (micros timestamps) as numbers or strings. */
function jsonSafe(row: unknown): unknown {
  if (!row || typeof row !== 'object') return row;
  return Object.fromEntries(
    Object.entries(row as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v,
    ]),
  );
}
