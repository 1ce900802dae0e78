/**
 * Reports the R2 class A/B operations a run made to the catalog Worker, which
 * counts them per service for `/v1/costs` (contracts/ops.yaml `getCosts`).
 */

/** The catalog Worker's RPC method that counts R2 operations. */
export interface OperationRecorder {
  recordOperations(service: string, classA: number, classB: number): Promise<void>;
}

/** Where the counts come from: `CountingStore` of `@analytics/iceberg`, which resets them on `take`. */
export interface OperationCounter {
  take(): { classA: number; classB: number };
}

/**
 * Takes the counts and sends them to the catalog (its service binding, whose
 * type does not name the RPC method). Nothing is sent when both are zero; a
 * failure is logged and swallowed, since a run must not fail over its bill.
 */
export async function reportOperations(
  catalog: unknown,
  service: string,
  counter: OperationCounter,
  log: (message: string) => void = console.warn,
): Promise<void> {
  const { classA, classB } = counter.take();
  if (classA === 0 && classB === 0) return;
  try {
    await (catalog as OperationRecorder).recordOperations(service, classA, classB);
  } catch (err) {
    log(`could not report R2 operations to the catalog: ${String(err)}`);
  }
}
