/**
 * The import pipeline Worker: the hourly cron and the operator's
 * `POST /ops/imports` (forwarded by the health Worker, which checks the
 * operator token) both run through the PipelineState Durable Object, which
 * copies new rows from the configured sources into tables of namespace
 * `imports` (contracts/ops.yaml `runImports`); `GET /ops/imports` reports the
 * run in flight and the recent runs (`getImports`).
 */
import type { ImportRequest } from '@analytics/generated/ops/types';
import { zImportRequest } from '@analytics/generated/ops/zod';
import { type RunTarget, runRoutes } from '@analytics/runs';
import type { PipelineEnv, PipelineState } from './pipeline-state.ts';

export { PipelineState } from './pipeline-state.ts';

function state(env: PipelineEnv): DurableObjectStub<PipelineState> {
  return env.PIPELINE_STATE.get(env.PIPELINE_STATE.idFromName('pipeline'));
}

/** `POST /ops/imports`, `GET /ops/imports` and the internal `/healthz`, `/metrics`, `/history`. */
const app = runRoutes({
  path: '/ops/imports',
  request: zImportRequest,
  target: (env: PipelineEnv): RunTarget<ImportRequest> => state(env),
});

export default {
  fetch: app.fetch,
  async scheduled(_controller: ScheduledController, env: PipelineEnv, ctx: ExecutionContext): Promise<void> {
    ctx.waitUntil(
      state(env)
        .run({}, 'cron')
        .then((o) =>
          console.log(
            o.ok
              ? `imports: cron run finished, ${o.results.filter((r) => r.status === 'failed').length} of ${o.results.length} sources failed`
              : `imports: cron run refused: ${o.message}`,
          ),
        ),
    );
  },
} satisfies ExportedHandler<PipelineEnv>;
