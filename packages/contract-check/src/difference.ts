/**
 * One way in which what a service serves differs from its contract. Differences are data: a test
 * asserts there are none and prints them when there are.
 */
export interface ContractDifference {
  /** What kind of difference this is; callers branch on it, never on `message`. */
  readonly kind: DifferenceKind;
  /** Where it is, e.g. `POST /events › request body application/json › events[].event_type`. */
  readonly location: string;
  /** One human-readable sentence naming the location, the contract's value and the served value. */
  readonly message: string;
}

/** The closed set of difference kinds. */
export type DifferenceKind =
  | 'missing-path'
  | 'extra-path'
  | 'missing-operation'
  | 'extra-operation'
  | 'missing-parameter'
  | 'extra-parameter'
  | 'parameter-mismatch'
  | 'request-body-mismatch'
  | 'missing-media-type'
  | 'extra-media-type'
  | 'missing-property'
  | 'extra-property'
  | 'type-mismatch'
  | 'enum-mismatch'
  | 'nullable-mismatch'
  | 'required-mismatch'
  | 'union-mismatch'
  | 'missing-status'
  | 'extra-status'
  | 'graphql-breaking-change'
  | 'graphql-dangerous-change'
  | 'graphql-schema-mismatch';

/** Builds a difference whose message is `<location>: <detail>`. */
export function difference(kind: DifferenceKind, location: string, detail: string): ContractDifference {
  return { kind, location, message: `${location}: ${detail}` };
}

/** Renders differences one per line, for an assertion message; empty string when there are none. */
export function formatDifferences(differences: readonly ContractDifference[]): string {
  return differences.map((d) => `- ${d.message}`).join('\n');
}
