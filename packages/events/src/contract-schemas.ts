import { zCloudEvent, zCustomEvent, zPageViewEvent, zVideoEvent } from '@analytics/generated/ingest/zod';
import type { EventSchemas } from './event-schemas.ts';

/** The event schemas generated from contracts/ingest.yaml: what the collector validates against. */
export const CONTRACT_SCHEMAS: EventSchemas = {
  pageView: zPageViewEvent,
  videoEvent: zVideoEvent,
  customEvent: zCustomEvent,
  cloudEvent: zCloudEvent,
};
