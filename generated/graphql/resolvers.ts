// Generated from contracts/analytics.graphql by `npm run codegen`. Do not edit: change the contract and regenerate.
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
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
  BigInt: { input: bigint; output: bigint | string; }
  /**
   * An instant, RFC 3339 (`2024-01-15T12:00:00Z`). As input a full date (`2024-01-15`) is also
   * accepted and means midnight UTC that day, except as `TimeRange.end`, where it means the end of
   * that day. Always serialised as RFC 3339 in UTC with milliseconds.
   */
  DateTime: { input: string; output: string | Date; }
  /** Any JSON value (rows of a time-travel query, free-form properties). */
  JSON: { input: unknown; output: unknown; }
};

export type Analytics = {
  __typename?: 'Analytics';
  /**
   * Page views and visitors grouped by one dimension (referrers, UTM source/medium/campaign,
   * countries, browsers, operating systems, device types, pages), largest first. Visitors are
   * estimated unless `uniques: EXACT`.
   */
  breakdown: Breakdown;
  /**
   * Events per type in the range. `count` is exact; `uniqueUsers` follows `uniques` (exact by
   * default). Without `eventTypes`, every event type present in the range is listed.
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
  /** Most viewed pages, by page views. Visitors are estimated unless `uniques: EXACT`. */
  topPages: Array<PageStat>;
  /**
   * Page views, visitors and sessions per bucket (for the main traffic chart). Visitors and
   * sessions are estimated unless `uniques: EXACT`.
   */
  traffic: TrafficSeries;
  /**
   * Video engagement: overall and per video (most played first). Unique viewers are estimated
   * unless `uniques: EXACT`.
   */
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

/**
 * How distinct counts are computed. `eventCounts` defaults to EXACT, the dashboard queries to
 * ESTIMATED.
 */
export type UniqueCountMode =
  /**
   * HyperLogLog estimate from the rollups kept as data is committed (milliseconds), or DuckDB's
   * `approx_count_distinct` where no rollup applies; the result's `estimated` is then true.
   */
  | 'ESTIMATED'
  /**
   * Exact distinct counts (`count(DISTINCT ...)`; for `eventCounts` over whole UTC days, from
   * per-day visitor sets kept as data is committed). Elsewhere a scan of the raw events: seconds
   * over millions of events.
   */
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



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Analytics: ResolverTypeWrapper<Analytics>;
  BigInt: ResolverTypeWrapper<Scalars['BigInt']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Breakdown: ResolverTypeWrapper<Breakdown>;
  BreakdownRow: ResolverTypeWrapper<BreakdownRow>;
  Catalog: ResolverTypeWrapper<Catalog>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Dimension: Dimension;
  EventCount: ResolverTypeWrapper<EventCount>;
  EventFilter: EventFilter;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Interval: Interval;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  PageStat: ResolverTypeWrapper<PageStat>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Realtime: ResolverTypeWrapper<Realtime>;
  Snapshot: ResolverTypeWrapper<Snapshot>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Table: ResolverTypeWrapper<Table>;
  TimeRange: TimeRange;
  TimeTravelResult: ResolverTypeWrapper<TimeTravelResult>;
  TrafficPoint: ResolverTypeWrapper<TrafficPoint>;
  TrafficSeries: ResolverTypeWrapper<TrafficSeries>;
  UniqueCountMode: UniqueCountMode;
  VideoEngagement: ResolverTypeWrapper<VideoEngagement>;
  VideoStats: ResolverTypeWrapper<VideoStats>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Analytics: Analytics;
  BigInt: Scalars['BigInt']['output'];
  Boolean: Scalars['Boolean']['output'];
  Breakdown: Breakdown;
  BreakdownRow: BreakdownRow;
  Catalog: Catalog;
  DateTime: Scalars['DateTime']['output'];
  EventCount: EventCount;
  EventFilter: EventFilter;
  Float: Scalars['Float']['output'];
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  PageStat: PageStat;
  Query: Record<PropertyKey, never>;
  Realtime: Realtime;
  Snapshot: Snapshot;
  String: Scalars['String']['output'];
  Table: Table;
  TimeRange: TimeRange;
  TimeTravelResult: TimeTravelResult;
  TrafficPoint: TrafficPoint;
  TrafficSeries: TrafficSeries;
  VideoEngagement: VideoEngagement;
  VideoStats: VideoStats;
};

export type AnalyticsResolvers<ContextType = any, ParentType extends ResolversParentTypes['Analytics'] = ResolversParentTypes['Analytics']> = {
  breakdown?: Resolver<ResolversTypes['Breakdown'], ParentType, ContextType, RequireFields<AnalyticsBreakdownArgs, 'dimension' | 'limit' | 'timeRange' | 'uniques'>>;
  eventCounts?: Resolver<Array<ResolversTypes['EventCount']>, ParentType, ContextType, RequireFields<AnalyticsEventCountsArgs, 'timeRange' | 'uniques'>>;
  realtime?: Resolver<ResolversTypes['Realtime'], ParentType, ContextType, RequireFields<AnalyticsRealtimeArgs, 'minutes'>>;
  timeTravel?: Resolver<ResolversTypes['TimeTravelResult'], ParentType, ContextType, RequireFields<AnalyticsTimeTravelArgs, 'limit' | 'query'>>;
  topPages?: Resolver<Array<ResolversTypes['PageStat']>, ParentType, ContextType, RequireFields<AnalyticsTopPagesArgs, 'limit' | 'timeRange' | 'uniques'>>;
  traffic?: Resolver<ResolversTypes['TrafficSeries'], ParentType, ContextType, RequireFields<AnalyticsTrafficArgs, 'interval' | 'timeRange' | 'uniques'>>;
  videoEngagement?: Resolver<ResolversTypes['VideoEngagement'], ParentType, ContextType, RequireFields<AnalyticsVideoEngagementArgs, 'limit' | 'timeRange' | 'uniques'>>;
};

export interface BigIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['BigInt'], any> {
  name: 'BigInt';
}

export type BreakdownResolvers<ContextType = any, ParentType extends ResolversParentTypes['Breakdown'] = ResolversParentTypes['Breakdown']> = {
  dimension?: Resolver<ResolversTypes['Dimension'], ParentType, ContextType>;
  estimated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  otherPageviews?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['BreakdownRow']>, ParentType, ContextType>;
};

export type BreakdownRowResolvers<ContextType = any, ParentType extends ResolversParentTypes['BreakdownRow'] = ResolversParentTypes['BreakdownRow']> = {
  pageviews?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  share?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  visitors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CatalogResolvers<ContextType = any, ParentType extends ResolversParentTypes['Catalog'] = ResolversParentTypes['Catalog']> = {
  namespaces?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  table?: Resolver<Maybe<ResolversTypes['Table']>, ParentType, ContextType, RequireFields<CatalogTableArgs, 'name' | 'namespace'>>;
  tables?: Resolver<Array<ResolversTypes['Table']>, ParentType, ContextType, Partial<CatalogTablesArgs>>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EventCountResolvers<ContextType = any, ParentType extends ResolversParentTypes['EventCount'] = ResolversParentTypes['EventCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  estimated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  uniqueUsers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type PageStatResolvers<ContextType = any, ParentType extends ResolversParentTypes['PageStat'] = ResolversParentTypes['PageStat']> = {
  averageTimeOnPage?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  estimated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  pageTitle?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  pageUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pageviews?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  visitors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = any, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  analytics?: Resolver<ResolversTypes['Analytics'], ParentType, ContextType>;
  catalog?: Resolver<ResolversTypes['Catalog'], ParentType, ContextType>;
};

export type RealtimeResolvers<ContextType = any, ParentType extends ResolversParentTypes['Realtime'] = ResolversParentTypes['Realtime']> = {
  bufferedEvents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pageviews?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  perMinute?: Resolver<Array<ResolversTypes['TrafficPoint']>, ParentType, ContextType>;
  topPages?: Resolver<Array<ResolversTypes['PageStat']>, ParentType, ContextType, RequireFields<RealtimeTopPagesArgs, 'limit'>>;
  visitors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  windowEnd?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  windowStart?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type SnapshotResolvers<ContextType = any, ParentType extends ResolversParentTypes['Snapshot'] = ResolversParentTypes['Snapshot']> = {
  operation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parentSnapshotId?: Resolver<Maybe<ResolversTypes['BigInt']>, ParentType, ContextType>;
  sequenceNumber?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  snapshotId?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type TableResolvers<ContextType = any, ParentType extends ResolversParentTypes['Table'] = ResolversParentTypes['Table']> = {
  currentSnapshotId?: Resolver<Maybe<ResolversTypes['BigInt']>, ParentType, ContextType>;
  fileCount?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  formatVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastUpdated?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  namespace?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  recordCount?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  sizeInBytes?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  snapshots?: Resolver<Array<ResolversTypes['Snapshot']>, ParentType, ContextType, RequireFields<TableSnapshotsArgs, 'limit'>>;
};

export type TimeTravelResultResolvers<ContextType = any, ParentType extends ResolversParentTypes['TimeTravelResult'] = ResolversParentTypes['TimeTravelResult']> = {
  columns?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  results?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  rowCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  snapshotId?: Resolver<Maybe<ResolversTypes['BigInt']>, ParentType, ContextType>;
  snapshotTimestamp?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  truncated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type TrafficPointResolvers<ContextType = any, ParentType extends ResolversParentTypes['TrafficPoint'] = ResolversParentTypes['TrafficPoint']> = {
  bucket?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  pageviews?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sessions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  visitors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TrafficSeriesResolvers<ContextType = any, ParentType extends ResolversParentTypes['TrafficSeries'] = ResolversParentTypes['TrafficSeries']> = {
  estimated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  interval?: Resolver<ResolversTypes['Interval'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['TrafficPoint']>, ParentType, ContextType>;
  totalPageviews?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalSessions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalVisitors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type VideoEngagementResolvers<ContextType = any, ParentType extends ResolversParentTypes['VideoEngagement'] = ResolversParentTypes['VideoEngagement']> = {
  totals?: Resolver<ResolversTypes['VideoStats'], ParentType, ContextType>;
  videos?: Resolver<Array<ResolversTypes['VideoStats']>, ParentType, ContextType>;
};

export type VideoStatsResolvers<ContextType = any, ParentType extends ResolversParentTypes['VideoStats'] = ResolversParentTypes['VideoStats']> = {
  averageWatchTimeSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  completionRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  completions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  errors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  estimated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  plays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uniqueViewers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  videoId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = any> = {
  Analytics?: AnalyticsResolvers<ContextType>;
  BigInt?: GraphQLScalarType;
  Breakdown?: BreakdownResolvers<ContextType>;
  BreakdownRow?: BreakdownRowResolvers<ContextType>;
  Catalog?: CatalogResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EventCount?: EventCountResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  PageStat?: PageStatResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Realtime?: RealtimeResolvers<ContextType>;
  Snapshot?: SnapshotResolvers<ContextType>;
  Table?: TableResolvers<ContextType>;
  TimeTravelResult?: TimeTravelResultResolvers<ContextType>;
  TrafficPoint?: TrafficPointResolvers<ContextType>;
  TrafficSeries?: TrafficSeriesResolvers<ContextType>;
  VideoEngagement?: VideoEngagementResolvers<ContextType>;
  VideoStats?: VideoStatsResolvers<ContextType>;
};

