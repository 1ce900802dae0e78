import type { EventFilter, TimeRange, UniqueCountMode } from '@analytics/generated/graphql/operations.ts';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';

/**
 * Operations the contract's generated documents (generated/graphql) do not
 * have yet in parametrised form: event counts and time travel with variables.
 * Typed by hand against the SDL's types; to move into
 * contracts/operations/ so codegen types them.
 */
export interface EventCountsVariables {
  timeRange: TimeRange;
  eventTypes?: string[] | null;
  filter?: EventFilter | null;
  uniques?: UniqueCountMode | null;
}

/** Result of `EventCountsDocument`. */
export interface EventCountsResult {
  analytics: {
    eventCounts: { eventType: string; count: number; uniqueUsers: number; estimated: boolean }[];
  };
}

/** `analytics.eventCounts` with variables. */
export const EventCountsDocument: TypedDocumentNode<EventCountsResult, EventCountsVariables> = parse(`
  query EventCounts($timeRange: TimeRange!, $eventTypes: [String!], $filter: EventFilter, $uniques: UniqueCountMode) {
    analytics {
      eventCounts(timeRange: $timeRange, eventTypes: $eventTypes, filter: $filter, uniques: $uniques) {
        eventType
        count
        uniqueUsers
        estimated
      }
    }
  }
`);

/** Variables of `TimeTravelDocument`: exactly one of `timestamp` and `snapshotId`. */
export interface TimeTravelVariables {
  query: string;
  timestamp?: string | null;
  snapshotId?: string | null;
  limit?: number | null;
}

/** Result of `TimeTravelDocument`; rows are JSON objects keyed by column (64-bit integers as strings). */
export interface TimeTravelResult {
  analytics: {
    timeTravel: {
      results: Record<string, unknown>[];
      columns: string[];
      rowCount: number;
      truncated: boolean;
      snapshotId: string | null;
      snapshotTimestamp: string | null;
    };
  };
}

/** `analytics.timeTravel` with variables. */
export const TimeTravelDocument: TypedDocumentNode<TimeTravelResult, TimeTravelVariables> = parse(`
  query TimeTravel($query: String!, $timestamp: DateTime, $snapshotId: BigInt, $limit: Int = 1000) {
    analytics {
      timeTravel(query: $query, timestamp: $timestamp, snapshotId: $snapshotId, limit: $limit) {
        results
        columns
        rowCount
        truncated
        snapshotId
        snapshotTimestamp
      }
    }
  }
`);
