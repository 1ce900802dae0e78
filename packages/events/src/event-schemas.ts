import type { SchemaIssue } from './zod-problems.ts';

/** What this package needs of a schema: zod's `safeParse`, typed structurally. */
export interface EventValidator {
  safeParse(
    value: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

/**
 * The contract's event schemas (contracts/ingest.yaml → generated zod). Passed
 * in rather than imported where used, so a test can run the pipeline against a
 * deliberately different contract.
 */
export interface EventSchemas {
  readonly pageView: EventValidator;
  readonly videoEvent: EventValidator;
  readonly customEvent: EventValidator;
  readonly cloudEvent: EventValidator;
}
