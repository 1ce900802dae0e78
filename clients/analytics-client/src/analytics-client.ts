import {
  BreakdownDocument,
  type BreakdownQuery,
  type BreakdownQueryVariables,
  RealtimeDocument,
  type RealtimeQuery,
  type RealtimeQueryVariables,
  TablesDocument,
  type TablesQuery,
  type TablesQueryVariables,
  TopPagesDocument,
  type TopPagesQuery,
  type TopPagesQueryVariables,
  TrafficDocument,
  type TrafficQuery,
  type TrafficQueryVariables,
  VideoEngagementDocument,
  type VideoEngagementQuery,
  type VideoEngagementQueryVariables,
} from '@analytics/generated/graphql/operations.ts';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { AnalyticsError, type GraphqlErrorEntry } from './analytics-error.ts';
import {
  EventCountsDocument,
  type EventCountsResult,
  type EventCountsVariables,
  TimeTravelDocument,
  type TimeTravelResult,
  type TimeTravelVariables,
} from './documents.ts';

/** Where the API is and how to call it. */
export interface AnalyticsClientOptions {
  /** The GraphQL endpoint, e.g. `http://localhost:8787/graphql`. */
  readonly url: string;
  /** A fetch to use (a service binding's, or a test's); the global one by default. */
  readonly fetch?: (request: Request) => Promise<Response>;
  /**
   * The API's read key (`ANALYTICS_QUERY_KEY`, or one whose hash is in
   * `QUERY_API_KEYS`), sent as `Authorization: Bearer <key>` on every request.
   * Not needed when the API is public (`QUERY_PUBLIC=true`, as locally).
   */
  readonly apiKey?: string;
  /** Extra headers on every request; they win over `apiKey`'s `Authorization`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A typed client for the analytics GraphQL API. `request` takes any typed
 * document (the generated ones in `@analytics/generated/graphql`, or your
 * own) and returns its typed `data`; the methods wrap the documents the
 * contract ships. Errors throw `AnalyticsError` (a missing or refused read
 * key: `status` 401 or 403, `code` UNAUTHENTICATED or FORBIDDEN). Works in
 * browsers, Workers and Node (web-standard fetch only).
 */
export class AnalyticsClient {
  readonly #o: AnalyticsClientOptions;
  readonly #printed = new WeakMap<object, string>();

  constructor(options: AnalyticsClientOptions) {
    this.#o = options;
  }

  /** Run one operation; resolves with `data`, or throws `AnalyticsError`. */
  async request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables?: TVariables,
  ): Promise<TResult> {
    let text = this.#printed.get(document);
    if (text === undefined) {
      text = print(document);
      this.#printed.set(document, text);
    }
    const request = new Request(this.#o.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(this.#o.apiKey ? { authorization: `Bearer ${this.#o.apiKey}` } : {}),
        ...this.#o.headers,
      },
      body: JSON.stringify({ query: text, variables: variables ?? {} }),
    });
    let response: Response;
    try {
      response = await (this.#o.fetch ?? ((r: Request) => fetch(r)))(request);
    } catch (cause) {
      throw new AnalyticsError('network', `Could not reach ${this.#o.url}: ${String(cause)}`, { cause });
    }
    let body: { data?: TResult | null; errors?: GraphqlErrorEntry[] };
    try {
      body = (await response.json()) as typeof body;
    } catch (cause) {
      throw new AnalyticsError('http', `${this.#o.url} answered ${response.status} without JSON.`, {
        status: response.status,
        cause,
      });
    }
    if (body.errors && body.errors.length > 0) {
      throw new AnalyticsError('graphql', body.errors.map((e) => e.message).join('; '), {
        errors: body.errors,
        status: response.status,
      });
    }
    if (!response.ok || body.data == null) {
      throw new AnalyticsError('http', `${this.#o.url} answered ${response.status} without data.`, {
        status: response.status,
      });
    }
    return body.data;
  }

  /** Events per type in a range; distinct users exact unless `uniques: 'ESTIMATED'`. */
  async eventCounts(variables: EventCountsVariables): Promise<EventCountsResult['analytics']['eventCounts']> {
    return (await this.request(EventCountsDocument, variables)).analytics.eventCounts;
  }

  /** A read-only SELECT at a past instant or snapshot. */
  async timeTravel(variables: TimeTravelVariables): Promise<TimeTravelResult['analytics']['timeTravel']> {
    return (await this.request(TimeTravelDocument, variables)).analytics.timeTravel;
  }

  /** Page views, visitors and sessions per bucket; visitors and sessions estimated unless `uniques: 'EXACT'`. */
  async traffic(variables: TrafficQueryVariables): Promise<TrafficQuery['analytics']['traffic']> {
    return (await this.request(TrafficDocument, variables)).analytics.traffic;
  }

  /** Most viewed pages; visitors estimated unless `uniques: 'EXACT'`. */
  async topPages(variables: TopPagesQueryVariables): Promise<TopPagesQuery['analytics']['topPages']> {
    return (await this.request(TopPagesDocument, variables)).analytics.topPages;
  }

  /** Page views and visitors by one dimension (referrer, UTM, country, browser…); visitors estimated unless `uniques: 'EXACT'`. */
  async breakdown(variables: BreakdownQueryVariables): Promise<BreakdownQuery['analytics']['breakdown']> {
    return (await this.request(BreakdownDocument, variables)).analytics.breakdown;
  }

  /** Plays, completion rate and watch time, overall and per video; unique viewers estimated unless `uniques: 'EXACT'`. */
  async videoEngagement(
    variables: VideoEngagementQueryVariables,
  ): Promise<VideoEngagementQuery['analytics']['videoEngagement']> {
    return (await this.request(VideoEngagementDocument, variables)).analytics.videoEngagement;
  }

  /** The last minutes, including events not yet committed. */
  async realtime(variables: RealtimeQueryVariables = {}): Promise<RealtimeQuery['analytics']['realtime']> {
    return (await this.request(RealtimeDocument, variables)).analytics.realtime;
  }

  /** The catalog's tables. */
  async tables(variables: TablesQueryVariables = {}): Promise<TablesQuery['catalog']['tables']> {
    return (await this.request(TablesDocument, variables)).catalog.tables;
  }
}
