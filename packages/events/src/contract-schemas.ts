import { zCloudEvent, zCustomEvent, zPageViewEvent, zVideoEvent } from '@analytics/generated/ingest/zod';
import type { EventSchemas } from './event-schemas.ts';
import { withFastAccept } from './fast-accept.ts';

/**
 * The event schemas generated from contracts/ingest.yaml: what the collector
 * validates against. zod decides; `withFastAccept` only answers "valid"
 * sooner for events zod would accept unchanged.
 */
export const CONTRACT_SCHEMAS: EventSchemas = {
  pageView: withFastAccept(zPageViewEvent),
  videoEvent: withFastAccept(zVideoEvent),
  customEvent: withFastAccept(zCustomEvent),
  cloudEvent: withFastAccept(zCloudEvent),
};
