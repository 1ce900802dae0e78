/**
 * The maintenance Worker: the 6-hourly cron and the operator's
 * `POST /ops/maintenance` (forwarded by the health Worker, which checks the
 * operator token) both run through the MaintenanceState Durable Object;
 * `GET /ops/maintenance` reports the run in flight and the recent runs.
 */
import type { MaintenanceRequest } from '@analytics/generated/ops/types';
import { zMaintenanceRequest } from '@analytics/generated/ops/zod';
import { type RunTarget, runRoutes } from '@analytics/runs';
import type { MaintenanceEnv, MaintenanceState } from './maintenance-state.ts';

export { MaintenanceState } from './maintenance-state.ts';

function state(env: MaintenanceEnv): DurableObjectStub<MaintenanceState> {
  return env.MAINTENANCE_STATE.get(env.MAINTENANCE_STATE.idFromName('maintenance'));
}

/** `POST /ops/maintenance`, `GET /ops/maintenance` and the internal `/healthz`, `/metrics`, `/history`. */
const app = runRoutes({
  path: '/ops/maintenance',
  request: zMaintenanceRequest,
  target: (env: MaintenanceEnv): RunTarget<MaintenanceRequest> => state(env),
});

export default {
  fetch: app.fetch,
  async scheduled(
    _controller: ScheduledController,
    env: MaintenanceEnv,
    ctx: ExecutionContext,
  ): Promise<void> {
    ctx.waitUntil(
      state(env)
        .run({}, 'cron')
        .then((o) =>
          console.log(
            o.ok
              ? `maintenance: cron run finished, ${o.results.length} task results`
              : `maintenance: cron run refused: ${o.message}`,
          ),
        ),
    );
  },
} satisfies ExportedHandler<MaintenanceEnv>;
