/**
 * The four event tables of namespace `default` in bucket `analytics-source`
 * (SEED.md "Bucket Details"), their Iceberg schemas in the REST/metadata JSON
 * form (spec Appendix C), the hidden `hour(timestamp)` partitioning and the
 * table properties SEED.md lists.
 *
 * Which events go where:
 * - `page_views`: `event_type: page_view` (PageViewEvent);
 * - `video_events`: `event_type: video_event` (VideoEvent);
 * - `user_actions`: any other `event_type` sent as a plain event (clicks,
 *   sign-ups, searches from the tracker or an application);
 * - `custom_events`: any other type sent as a CloudEvent (`test.event`,
 *   `com.example.order.created`), with `source` and `subject`.
 * The open members of the last two are kept as JSON in `properties`, and
 * their scalar members also become optional columns as they first arrive
 * (schema evolution on write, `open-columns.ts`): the schemas below are
 * where those tables start, not where they stay.
 */

import { EVENT_TABLE_PROPERTIES } from '@analytics/iceberg';

export type EventTableName = 'page_views' | 'video_events' | 'user_actions' | 'custom_events';

/** Every event table, in a stable order. */
export const EVENT_TABLES: readonly EventTableName[] = [
  'page_views',
  'video_events',
  'user_actions',
  'custom_events',
];

/** Namespace of the event tables in the catalog. */
export const EVENT_NAMESPACE = 'default';

/** Bucket holding the event tables' data and metadata. */
export const EVENT_BUCKET = 'analytics-source';

/** `s3://analytics-source/events/<table>`. */
export function tableLocation(table: EventTableName): string {
  return `s3://${EVENT_BUCKET}/events/${table}`;
}

/** Iceberg primitive types the event tables use. */
export type ColumnType = 'string' | 'double' | 'boolean' | 'timestamptz';

/** One column of an event table, as it appears in a schema's `fields` (Appendix C). */
export interface ColumnJson {
  readonly id: number;
  readonly name: string;
  readonly required: boolean;
  readonly type: ColumnType;
  readonly doc?: string;
}

/** An Iceberg schema in JSON form (`{"type":"struct","schema-id":0,"fields":[...]}`). */
export interface SchemaJson {
  readonly type: 'struct';
  readonly 'schema-id': number;
  readonly fields: readonly ColumnJson[];
}

/** A partition spec in JSON form. */
export interface PartitionSpecJson {
  readonly 'spec-id': number;
  readonly fields: readonly {
    readonly 'source-id': number;
    readonly 'field-id': number;
    readonly name: string;
    readonly transform: string;
  }[];
}

type ColumnSpec = readonly [name: string, type: ColumnType, required: boolean, doc?: string];

const BASE: readonly ColumnSpec[] = [
  ['event_id', 'string', true, 'UUID v4; assigned by the collector when the sender gave none'],
  ['timestamp', 'timestamptz', true, 'When the event happened (UTC); partition source'],
  ['session_id', 'string', true],
  ['user_id', 'string', false],
  ['project_id', 'string', true],
  ['environment', 'string', true],
  ['version', 'string', true],
  ['event_type', 'string', true],
];

const ENRICHMENT: readonly ColumnSpec[] = [
  ['country', 'string', false, 'ISO 3166-1 alpha-2, from CF-IPCountry unless the event gave one'],
  ['browser', 'string', false, 'From User-Agent unless the event gave one'],
  ['os', 'string', false, 'From User-Agent unless the event gave one'],
  ['device_type', 'string', false, 'desktop, mobile, tablet, tv or bot, from User-Agent'],
  ['is_bot', 'boolean', false, 'User-Agent looks like a crawler or script'],
  ['received_at', 'timestamptz', false, 'When the collector accepted the event'],
];

const OPEN: readonly ColumnSpec[] = [
  ['event_id', 'string', true, 'UUID v4; assigned by the collector when the sender gave none'],
  ['timestamp', 'timestamptz', true, 'When the event happened (UTC); partition source'],
  ['event_type', 'string', true],
  ['session_id', 'string', false],
  ['user_id', 'string', false],
  ['project_id', 'string', false],
  ['environment', 'string', false],
  ['version', 'string', false],
  ['source', 'string', false, 'CloudEvents source'],
  ['subject', 'string', false, 'CloudEvents subject'],
  ['properties', 'string', false, 'Every other member of the event, as a JSON object'],
];

const COLUMNS: Readonly<Record<EventTableName, readonly ColumnSpec[]>> = {
  page_views: [
    ...BASE,
    ['page_url', 'string', true],
    ['page_title', 'string', true],
    ['referrer', 'string', false],
    ['utm_source', 'string', false],
    ['utm_medium', 'string', false],
    ['utm_campaign', 'string', false],
    ['time_on_page', 'double', false, 'Seconds'],
    ...ENRICHMENT,
  ],
  video_events: [
    ...BASE,
    ['video_id', 'string', true],
    ['action', 'string', true, 'play, pause, seek, complete or error'],
    ['position', 'double', true, 'Seconds'],
    ['duration', 'double', true, 'Seconds'],
    ['playback_rate', 'double', true],
    ['quality', 'string', false],
    ['buffered', 'double', false, 'Seconds buffered'],
    ...ENRICHMENT,
  ],
  user_actions: [...OPEN, ...ENRICHMENT],
  custom_events: [...OPEN, ...ENRICHMENT],
};

const COLUMN_CACHE = new Map<EventTableName, readonly ColumnJson[]>();

/** The columns of a table, ids 1..n in order. */
export function tableColumns(table: EventTableName): readonly ColumnJson[] {
  let columns = COLUMN_CACHE.get(table);
  if (columns === undefined) {
    columns = Object.freeze(
      COLUMNS[table].map(([name, type, required, doc], i) =>
        Object.freeze(
          doc === undefined ? { id: i + 1, name, required, type } : { id: i + 1, name, required, type, doc },
        ),
      ),
    );
    COLUMN_CACHE.set(table, columns);
  }
  return columns;
}

/** The table's initial schema (schema id 0). */
export function tableSchema(table: EventTableName): SchemaJson {
  return { type: 'struct', 'schema-id': 0, fields: tableColumns(table) };
}

/** Hidden partitioning by `hour(timestamp)`; `timestamp` is field 2 in every table. */
export function tablePartitionSpec(table: EventTableName): PartitionSpecJson {
  const source = tableColumns(table).find((c) => c.name === 'timestamp');
  return {
    'spec-id': 0,
    fields: [{ 'source-id': source?.id ?? 2, 'field-id': 1000, name: 'timestamp_hour', transform: 'hour' }],
  };
}

/** SEED.md "Iceberg Table Configuration": the engine's defaults for new event tables. */
export const TABLE_PROPERTIES: Readonly<Record<string, string>> = EVENT_TABLE_PROPERTIES;
