/**
 * Everything that can go wrong between an HTTP body and a buffered row, as a
 * closed set. Callers branch on `kind`, never on message text; `http-status.ts`
 * maps each kind to its status code.
 *
 * Request-level kinds reject the whole request; event-level kinds reject one
 * event of a batch while the valid events beside it are stored.
 */
export type EventErrorKind =
  // request level
  | 'invalid-json'
  | 'unsupported-content-type'
  | 'invalid-envelope'
  | 'body-too-large'
  | 'too-many-events'
  | 'missing-api-key'
  | 'wrong-api-key'
  | 'project-not-allowed'
  | 'invalid-key-config'
  // event level
  | 'not-an-object'
  | 'event-too-large'
  | 'missing-field'
  | 'wrong-type'
  | 'bad-timestamp'
  | 'invalid-value'
  | 'schema-conflict';

/** Kinds that reject one event of a batch rather than the whole request. */
export const EVENT_LEVEL_KINDS: ReadonlySet<EventErrorKind> = new Set<EventErrorKind>([
  'not-an-object',
  'event-too-large',
  'missing-field',
  'wrong-type',
  'bad-timestamp',
  'invalid-value',
  'schema-conflict',
]);

/** One problem with one field of one event (or with the request when `field` is absent). */
export interface EventProblem {
  readonly kind: EventErrorKind;
  /** Dotted path of the offending field, e.g. `action` or `data.price`. */
  readonly field?: string;
  /** Human-readable: names the field, the bad value and what is expected. */
  readonly message: string;
}

/** The one error class of this package. */
export class EventError extends Error {
  override readonly name = 'EventError';
  readonly kind: EventErrorKind;
  readonly field: string | undefined;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    kind: EventErrorKind,
    message: string,
    options: { field?: string; context?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.field = options.field;
    this.context = options.context ?? {};
  }

  /** This error as a problem entry of a per-event result. */
  toProblem(): EventProblem {
    return this.field === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, field: this.field, message: this.message };
  }
}
