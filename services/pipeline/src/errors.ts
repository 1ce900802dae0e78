/**
 * The pipeline's one error type. `kind` is the contract's `ImportErrorKind`
 * (contracts/ops.yaml): callers branch on it, and the run result reports it
 * beside the message, which names the source, the thing and the bad value.
 */
import type { ImportErrorKind } from '@analytics/generated/ops/types';

export type { ImportErrorKind };

/** A failure of one source's import, with the context that explains it. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly kind: ImportErrorKind;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    kind: ImportErrorKind,
    message: string,
    context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.kind = kind;
    this.context = context;
  }
}

/** True when `e` is an ImportError, optionally of the given kind. */
export function isImportError(e: unknown, kind?: ImportErrorKind): e is ImportError {
  return e instanceof ImportError && (kind === undefined || e.kind === kind);
}
