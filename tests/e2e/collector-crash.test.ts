/**
 * Issue 5, "Done when" 3: 100,000 events sent under load, the whole local
 * stack SIGKILLed while buffers are flushing, restarted: exactly 100,000 rows
 * and 100,000 distinct event ids in Iceberg.
 *
 * The sender behaves like any at-least-once client: a batch whose request
 * got no 202 (the stack died under it) is sent again after the restart with
 * the same event ids. Acknowledged events must survive the kill (they were in
 * Durable Object storage before the 202); events stored but not acknowledged
 * come back as duplicates; a flush cut short is finished by the buffer's
 * alarm after the restart, and its flush id keeps it from committing twice.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type StackHandle, startTestStack } from '../helpers/stack.ts';
import { eventId, INGEST_KEY, pageView, postEvents, waitForTables } from './collector-helpers.ts';

const TOTAL = 100_000;
const BATCH = 100;
const SENDERS = 8;
const KILL_AFTER_BATCHES = 400;

let stack: StackHandle;

beforeAll(async () => {
  stack = await startTestStack({
    vars: {
      ANALYTICS_API_KEY: INGEST_KEY,
      // Small and frequent flushes, so the kill lands while one is running.
      FLUSH_INTERVAL_MS: '2000',
      FLUSH_MAX_BYTES: '524288',
      BUFFER_SHARDS: '2',
    },
  });
});

afterAll(async () => {
  await stack?.dispose();
});

function batchBody(b: number): unknown {
  return {
    events: Array.from({ length: BATCH }, (_, i) =>
      pageView({ event_id: eventId(11, b * BATCH + i), session_id: `crash-${b}`, time_on_page: i }),
    ),
  };
}

/** Acknowledged batches, and whether senders should stop. */
interface SendState {
  readonly acked: Set<number>;
  stop: boolean;
  finished: boolean;
}

/** Sends the batches with SENDERS in parallel, recording each acknowledged (202) batch in `state`. */
async function send(batches: readonly number[], state: SendState): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < batches.length && !state.stop) {
      const b = batches[next++]!;
      try {
        const res = await postEvents(stack.url, batchBody(b));
        await res.arrayBuffer();
        if (res.status === 202 && !state.stop) state.acked.add(b);
      } catch {
        // The stack died under this request: it counts as not acknowledged.
      }
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, worker));
  state.finished = true;
}

it('100,000 events, SIGKILL during flushes, restart: exactly 100,000 rows and distinct event ids', async () => {
  const all = Array.from({ length: TOTAL / BATCH }, (_, b) => b);
  const before: SendState = { acked: new Set(), stop: false, finished: false };
  const sending = send(all, before);
  while (before.acked.size < KILL_AFTER_BATCHES && !before.finished)
    await new Promise((r) => setTimeout(r, 10));
  // Freeze what counts as acknowledged, then crash the stack under the senders.
  before.stop = true;
  const acked = new Set(before.acked);
  await stack.kill();
  await sending;
  expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_BATCHES);
  expect(acked.size).toBeLessThan(all.length);

  await stack.restart();
  const remaining = all.filter((b) => !acked.has(b));
  const after: SendState = { acked: new Set(), stop: false, finished: false };
  await send(remaining, after);
  expect(after.acked.size).toBe(remaining.length);

  const done = (r: Record<string, { rows: number } | null>) => (r.page_views?.rows ?? 0) >= TOTAL;
  const report = await waitForTables(stack.url, ['page_views'], done, 180_000);
  expect(report.page_views?.rows).toBe(TOTAL);
  expect(report.page_views?.distinct_event_ids).toBe(TOTAL);
  // Nothing left to commit twice: a few more flush intervals change nothing.
  await new Promise((r) => setTimeout(r, 4_000));
  const again = await waitForTables(stack.url, ['page_views'], () => true, 0);
  expect(again.page_views?.rows).toBe(TOTAL);
}, 600_000);
