/**
 * What can be wrong with a key configuration, as a closed set (callers
 * branch on `kind`, never on message text):
 * - `invalid-key-list`: a hashed key list is not JSON, not an array, or an
 *   entry lacks a 64-hex-digit `sha256`.
 */
export type KeyConfigErrorKind = 'invalid-key-list';

/** The one error class of this package; the message names the variable and the entry. */
export class KeyConfigError extends Error {
  override readonly name = 'KeyConfigError';
  readonly kind: KeyConfigErrorKind;
  /** The configuration variable at fault, e.g. `QUERY_API_KEYS`. */
  readonly variable: string;

  constructor(
    kind: KeyConfigErrorKind,
    variable: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.variable = variable;
  }
}
