import type { EventProblem } from './event-error.ts';
import { describe } from './ingest-body.ts';

/** The parts of a zod (v4) issue this module reads; kept structural so any zod instance fits. */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: unknown;
  readonly values?: readonly unknown[];
  readonly format?: string;
  readonly keys?: readonly string[];
}

/**
 * Turns schema-validation issues into problems whose messages name the field,
 * what was received and what is expected, e.g.
 * `missing required field 'page_url' (string)` or
 * `field 'action' must be one of play, pause, seek, complete, error; got string "rewind"`.
 */
export function problemsFromIssues(issues: readonly SchemaIssue[], input: unknown): EventProblem[] {
  return issues.map((issue) => problemFromIssue(issue, input));
}

function problemFromIssue(issue: SchemaIssue, input: unknown): EventProblem {
  const field = issue.path.map(String).join('.');
  const value = valueAt(input, issue.path);
  const name = field === '' ? 'event' : `field '${field}'`;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined)
        return {
          kind: 'missing-field',
          field,
          message: `missing required field '${field}' (${String(issue.expected)})`,
        };
      return {
        kind: 'wrong-type',
        field,
        message: `${name} must be ${article(String(issue.expected))}, got ${describe(value)}`,
      };
    case 'invalid_value':
      return {
        kind: 'invalid-value',
        field,
        message: `${name} must be one of ${(issue.values ?? []).map(String).join(', ')}; got ${describe(value)}`,
      };
    case 'invalid_format':
      if (issue.format === 'datetime' || issue.format === 'date-time' || issue.format === 'date')
        return {
          kind: 'bad-timestamp',
          field,
          message: `${name} must be an ISO 8601 date-time such as 2024-01-01T12:00:00Z, got ${describe(value)}`,
        };
      return {
        kind: 'invalid-value',
        field,
        message: `${name} must be a valid ${issue.format ?? 'value'}, got ${describe(value)}`,
      };
    case 'unrecognized_keys':
      return {
        kind: 'invalid-value',
        field,
        message: `${name} has unknown fields: ${(issue.keys ?? []).join(', ')}`,
      };
    default:
      return { kind: 'invalid-value', field, message: `${name}: ${issue.message} (got ${describe(value)})` };
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function article(type: string): string {
  return /^[aeiou]/i.test(type) ? `an ${type}` : `a ${type}`;
}
