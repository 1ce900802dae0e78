import {
  type BotPolicy,
  DEFAULT_MAX_OPEN_COLUMNS,
  type IngestLimits,
  limitsFromSettings,
} from '@analytics/events';
import type { Env } from './env.ts';

/** The collector's tunables, parsed from Worker vars. */
export interface CollectorSettings {
  /** Longest an event waits in a buffer before a flush (default 60 s). */
  readonly flushIntervalMs: number;
  /** Buffered bytes that trigger a flush at once (default 1 MiB). */
  readonly flushMaxBytes: number;
  /** Most events one flush writes; a bigger backlog takes several flushes (bounds memory). */
  readonly flushMaxEvents: number;
  /** Buffer shards per table. */
  readonly shards: number;
  /** How long an event id is remembered for de-duplication (default 24 h). */
  readonly dedupeWindowMs: number;
  readonly botPolicy: BotPolicy;
  readonly limits: IngestLimits;
  /** Most columns schema evolution adds to `user_actions` or `custom_events` (default 200). */
  readonly maxOpenColumns: number;
}

/** Defaults: SEED.md's 1 MB or 60 s, one shard per table, a 24 h de-duplication window. */
export const DEFAULT_SETTINGS: Omit<CollectorSettings, 'limits'> = {
  flushIntervalMs: 60_000,
  flushMaxBytes: 1_048_576,
  flushMaxEvents: 20_000,
  shards: 1,
  dedupeWindowMs: 86_400_000,
  botPolicy: 'flag',
  maxOpenColumns: DEFAULT_MAX_OPEN_COLUMNS,
};

/** Parses the vars; a missing or malformed value falls back to its default. */
export function collectorSettings(env: Partial<Env>): CollectorSettings {
  return {
    flushIntervalMs: positive(env.FLUSH_INTERVAL_MS) ?? DEFAULT_SETTINGS.flushIntervalMs,
    flushMaxBytes: positive(env.FLUSH_MAX_BYTES) ?? DEFAULT_SETTINGS.flushMaxBytes,
    flushMaxEvents: positive(env.FLUSH_MAX_EVENTS) ?? DEFAULT_SETTINGS.flushMaxEvents,
    shards: positive(env.BUFFER_SHARDS) ?? DEFAULT_SETTINGS.shards,
    dedupeWindowMs: positive(env.DEDUPE_WINDOW_MS) ?? DEFAULT_SETTINGS.dedupeWindowMs,
    botPolicy: env.BOT_POLICY === 'drop' ? 'drop' : 'flag',
    limits: limitsFromSettings(env),
    maxOpenColumns: positive(env.MAX_OPEN_COLUMNS) ?? DEFAULT_SETTINGS.maxOpenColumns,
  };
}

function positive(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
