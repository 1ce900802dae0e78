// Generated from contracts/analytics.graphql by `npm run codegen`. Do not edit: change the contract and regenerate.
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * A 64-bit integer (Iceberg snapshot ids, byte and record totals) sent as a decimal string so no
   * client loses precision; input accepts a string or an Int.
   */
  BigInt: { input: string; output: string; }
  /**
   * An instant, RFC 3339 (`2024-01-15T12:00:00Z`). As input a full date (`2024-01-15`) is also
   * accepted and means midnight UTC that day, except as `TimeRange.end`, where it means the end of
   * that day. Always serialised as RFC 3339 in UTC with milliseconds.
   */
  DateTime: { input: string; output: string; }
  /** Any JSON value (rows of a time-travel query, free-form properties). */
  JSON: { input: unknown; output: unknown; }
};

export type Analytics = {
  __typename?: 'Analytics';
  /**
   * Page views and visitors grouped by one dimension (referrers, UTM source/medium/campaign,
   * countries, browsers, operating systems, device types, pages), largest first.
   */
  breakdown: Breakdown;
  /**
   * Events per type in the range. `count` is exact; `uniqueUsers` follows `uniques`.
   * Without `eventTypes`, every event type present in the range is listed.
   */
  eventCounts: Array<EventCount>;
  /**
   * The last `minutes` minutes (default 30, at most 60) including events still in the buffers and
   * not yet committed to Iceberg. Distinct counts here are always exact.
   */
  realtime: Realtime;
  /**
   * Runs a read-only SQL `SELECT` against the tables as they were at `timestamp` (the snapshot
   * current at that instant) or at `snapshotId`; give exactly one. Table names are the Iceberg table
   * names (`events` is a view over every event table). At most `limit` rows are returned.
   */
  timeTravel: TimeTravelResult;
  /** Most viewed pages, by page views. */
  topPages: Array<PageStat>;
  /** Page views, visitors and sessions per bucket (for the main traffic chart). */
  traffic: TrafficSeries;
  /** Video engagement: overall and per video (most played first). */
  videoEngagement: VideoEngagement;
};


export type AnalyticsBreakdownArgs = {
  dimension: Dimension;
  filter?: InputMaybe<EventFilter>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  timeRange: TimeRange;
  uniques?: InputMaybe<UniqueCountMode>;
};


export type AnalyticsEventCountsArgs = {
  eventTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  filter?: InputMaybe<EventFilter>;
  timeRange: TimeRange;
  uniques?: InputMaybe<UniqueCountMode>;
};


export type AnalyticsRealtimeArgs = {
  filter?: InputMaybe<EventFilter>;
  minutes?: InputMaybe<Scalars['Int']['input']>;
};


export type AnalyticsTimeTravelArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
  snapshotId?: InputMaybe<Scalars['BigInt']['input']>;
  timestamp?: InputMaybe<Scalars['DateTime']['input']>;
};


export type AnalyticsTopPagesArgs = {
  filter?: InputMaybe<EventFilter>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  timeRange: TimeRange;
  uniques?: InputMaybe<UniqueCountMode>;
};


export type AnalyticsTrafficArgs = {
  filter?: InputMaybe<EventFilter>;
  interval?: InputMaybe<Interval>;
  timeRange: TimeRange;
  uniques?: InputMaybe<UniqueCountMode>;
};


export type AnalyticsVideoEngagementArgs = {
  filter?: InputMaybe<EventFilter>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  timeRange: TimeRange;
  uniques?: InputMaybe<UniqueCountMode>;
  videoIds?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type Breakdown = {
  __typename?: 'Breakdown';
  dimension: Dimension;
  /** True when `visitors` are HyperLogLog estimates. */
  estimated: Scalars['Boolean']['output'];
  /** Page views in rows beyond `limit`. */
  otherPageviews: Scalars['Int']['output'];
  rows: Array<BreakdownRow>;
};

export type BreakdownRow = {
  __typename?: 'BreakdownRow';
  pageviews: Scalars['Int']['output'];
  /** This row's page views divided by all page views in the range (0..1). */
  share: Scalars['Float']['output'];
  /** The dimension value; null groups events without one (e.g. direct traffic for REFERRER). */
  value?: Maybe<Scalars['String']['output']>;
  visitors: Scalars['Int']['output'];
};

export type Catalog = {
  __typename?: 'Catalog';
  /** Namespaces, each as dot-separated levels. */
  namespaces: Array<Scalars['String']['output']>;
  /** One table by namespace and name; null when absent. */
  table?: Maybe<Table>;
  /** Tables, optionally in one namespace (dot-separated levels). */
  tables: Array<Table>;
};


export type CatalogTableArgs = {
  name: Scalars['String']['input'];
  namespace: Scalars['String']['input'];
};


export type CatalogTablesArgs = {
  namespace?: InputMaybe<Scalars['String']['input']>;
};

/** A page-view dimension to break traffic down by. */
export type Dimension =
  | 'BROWSER'
  | 'COUNTRY'
  | 'DEVICE_TYPE'
  | 'OS'
  | 'PAGE'
  | 'REFERRER'
  | 'UTM_CAMPAIGN'
  | 'UTM_MEDIUM'
  | 'UTM_SOURCE';

export type EventCount = {
  __typename?: 'EventCount';
  /** Exact number of events of this type. */
  count: Scalars['Int']['output'];
  /** True when `uniqueUsers` is a HyperLogLog estimate. */
  estimated: Scalars['Boolean']['output'];
  eventType: Scalars['String']['output'];
  /** Distinct users (`coalesce(user_id, session_id)`); estimated when `estimated` is true. */
  uniqueUsers: Scalars['Int']['output'];
};

/** Restricts which events are counted. Omitted fields do not filter. */
export type EventFilter = {
  /** Only events of this environment (`environment`, e.g. production). */
  environment?: InputMaybe<Scalars['String']['input']>;
  /** Only page views whose `page_url` starts with this prefix (path or full URL). */
  pathPrefix?: InputMaybe<Scalars['String']['input']>;
  /** Only events of this project (`project_id`). */
  projectId?: InputMaybe<Scalars['String']['input']>;
};

/** Width of a time-series bucket. Buckets start at UTC boundaries. */
export type Interval =
  | 'DAY'
  | 'HOUR'
  | 'MINUTE';

export type PageStat = {
  __typename?: 'PageStat';
  /** Mean `time_on_page` in seconds over views that report it; null when none do. */
  averageTimeOnPage?: Maybe<Scalars['Float']['output']>;
  /** True when `visitors` is a HyperLogLog estimate. */
  estimated: Scalars['Boolean']['output'];
  /** The most recent title seen for the page. */
  pageTitle?: Maybe<Scalars['String']['output']>;
  /** The page URL without query string or fragment. */
  pageUrl: Scalars['String']['output'];
  pageviews: Scalars['Int']['output'];
  visitors: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Aggregates over the event tables. */
  analytics: Analytics;
  /** What is in the Iceberg catalog. */
  catalog: Catalog;
};

export type Realtime = {
  __typename?: 'Realtime';
  /** How many of `events` are still buffered (not yet in an Iceberg snapshot). */
  bufferedEvents: Scalars['Int']['output'];
  /** All events in the window, of every type. */
  events: Scalars['Int']['output'];
  pageviews: Scalars['Int']['output'];
  /** Page views per minute over the window. */
  perMinute: Array<TrafficPoint>;
  topPages: Array<PageStat>;
  /** Distinct visitors in the window (exact). */
  visitors: Scalars['Int']['output'];
  windowEnd: Scalars['DateTime']['output'];
  windowStart: Scalars['DateTime']['output'];
};


export type RealtimeTopPagesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

export type Snapshot = {
  __typename?: 'Snapshot';
  /** `append`, `replace`, `overwrite` or `delete`. */
  operation: Scalars['String']['output'];
  parentSnapshotId?: Maybe<Scalars['BigInt']['output']>;
  sequenceNumber: Scalars['BigInt']['output'];
  snapshotId: Scalars['BigInt']['output'];
  /** The snapshot summary as a string map. */
  summary: Scalars['JSON']['output'];
  timestamp: Scalars['DateTime']['output'];
};

export type Table = {
  __typename?: 'Table';
  /** Current snapshot id; null for a table without snapshots. */
  currentSnapshotId?: Maybe<Scalars['BigInt']['output']>;
  /** Number of data files in the current snapshot. */
  fileCount: Scalars['BigInt']['output'];
  formatVersion: Scalars['Int']['output'];
  /** `last-updated-ms` of the table metadata. */
  lastUpdated: Scalars['DateTime']['output'];
  /** Table base location (e.g. `s3://analytics-source/events/page_views`). */
  location: Scalars['String']['output'];
  /** Table name (the last part of its identifier). */
  name: Scalars['String']['output'];
  /** Namespace levels. */
  namespace: Array<Scalars['String']['output']>;
  /** Rows in the current snapshot (`total-records` of its summary); 0 without snapshots. */
  recordCount: Scalars['BigInt']['output'];
  /** Bytes of data files in the current snapshot (`total-files-size`); 0 without snapshots. */
  sizeInBytes: Scalars['BigInt']['output'];
  /** Snapshots, newest first. */
  snapshots: Array<Snapshot>;
};


export type TableSnapshotsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** A half-open interval [start, end) of event time; see `DateTime` for date-only bounds. */
export type TimeRange = {
  end: Scalars['DateTime']['input'];
  start: Scalars['DateTime']['input'];
};

export type TimeTravelResult = {
  __typename?: 'TimeTravelResult';
  /** Column names, in select order. */
  columns: Array<Scalars['String']['output']>;
  /** The rows, as a JSON array of objects keyed by column name (64-bit integers as strings). */
  results: Scalars['JSON']['output'];
  /** Number of rows in `results`. */
  rowCount: Scalars['Int']['output'];
  /** The snapshot that was read (of the first table in the query). */
  snapshotId?: Maybe<Scalars['BigInt']['output']>;
  /** When that snapshot was committed. */
  snapshotTimestamp?: Maybe<Scalars['DateTime']['output']>;
  /** True when the query produced more than `limit` rows and `results` was cut. */
  truncated: Scalars['Boolean']['output'];
};

export type TrafficPoint = {
  __typename?: 'TrafficPoint';
  /** Start of the bucket. */
  bucket: Scalars['DateTime']['output'];
  pageviews: Scalars['Int']['output'];
  sessions: Scalars['Int']['output'];
  visitors: Scalars['Int']['output'];
};

export type TrafficSeries = {
  __typename?: 'TrafficSeries';
  /** True when the visitor and session counts are HyperLogLog estimates. */
  estimated: Scalars['Boolean']['output'];
  interval: Interval;
  /** One point per bucket in the range, including empty buckets (zeros). */
  points: Array<TrafficPoint>;
  /** Totals over the whole range (visitors are distinct over the range, not summed). */
  totalPageviews: Scalars['Int']['output'];
  totalSessions: Scalars['Int']['output'];
  totalVisitors: Scalars['Int']['output'];
};

/** How distinct counts may be computed. */
export type UniqueCountMode =
  /** HyperLogLog estimate; the result's `estimated` is then true. */
  | 'ESTIMATED'
  /** Exact `count(DISTINCT ...)` (the default). */
  | 'EXACT';

export type VideoEngagement = {
  __typename?: 'VideoEngagement';
  totals: VideoStats;
  videos: Array<VideoStats>;
};

export type VideoStats = {
  __typename?: 'VideoStats';
  /**
   * Mean seconds watched per play: for each (session, video), the furthest `position` reached,
   * averaged over plays.
   */
  averageWatchTimeSeconds: Scalars['Float']['output'];
  /** completions / plays (0..1); 0 when there were no plays. */
  completionRate: Scalars['Float']['output'];
  /** `complete` events. */
  completions: Scalars['Int']['output'];
  /** `error` events. */
  errors: Scalars['Int']['output'];
  /** True when `uniqueViewers` is a HyperLogLog estimate. */
  estimated: Scalars['Boolean']['output'];
  /** `play` events. */
  plays: Scalars['Int']['output'];
  /** Distinct viewers; estimated when `estimated` is true. */
  uniqueViewers: Scalars['Int']['output'];
  /** Null for the totals over all videos. */
  videoId?: Maybe<Scalars['String']['output']>;
};

export type GetEventCountsQueryVariables = Exact<{ [key: string]: never; }>;


export type GetEventCountsQuery = { analytics: { eventCounts: Array<{ eventType: string, count: number, uniqueUsers: number }> } };

export type HistoricalDataQueryVariables = Exact<{ [key: string]: never; }>;


export type HistoricalDataQuery = { analytics: { timeTravel: { results: unknown } } };

export type TableInfoQueryVariables = Exact<{ [key: string]: never; }>;


export type TableInfoQuery = { catalog: { tables: Array<{ name: string, location: string, currentSnapshotId: string | null, lastUpdated: string, recordCount: string, sizeInBytes: string }> } };


export const GetEventCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GetEventCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"analytics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"timeRange"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"start"},"value":{"kind":"StringValue","value":"2024-01-01","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"end"},"value":{"kind":"StringValue","value":"2024-01-31","block":false}}]}},{"kind":"Argument","name":{"kind":"Name","value":"eventTypes"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"page_view","block":false},{"kind":"StringValue","value":"video_event","block":false}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"uniqueUsers"}}]}}]}}]}}]} as unknown as DocumentNode<GetEventCountsQuery, GetEventCountsQueryVariables>;
export const HistoricalDataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HistoricalData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"analytics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeTravel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"StringValue","value":"2024-01-15T12:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"StringValue","value":"SELECT * FROM events WHERE type = 'purchase'","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"}}]}}]}}]}}]} as unknown as DocumentNode<HistoricalDataQuery, HistoricalDataQueryVariables>;
export const TableInfoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TableInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"currentSnapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordCount"}},{"kind":"Field","name":{"kind":"Name","value":"sizeInBytes"}}]}}]}}]}}]} as unknown as DocumentNode<TableInfoQuery, TableInfoQueryVariables>;