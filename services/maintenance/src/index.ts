/**
 * The maintenance Worker: the 6-hourly cron and the operator's
 * `POST /ops/maintenance` (forwarded by the health Worker, which checks the
 * operator token) both run through the MaintenanceState Durable Object.
 */
import { zMaintenanceRequest } from '@analytics/generated/ops/zod';
import { Hono } from 'hono';
import type { MaintenanceEnv, MaintenanceState } from './maintenance-state.ts';

export { MaintenanceState } from './maintenance-state.ts';

function state(env: MaintenanceEnv): DurableObjectStub<MaintenanceState> {
  return env.MAINTENANCE_STATE.get(env.MAINTENANCE_STATE.idFromName('maintenance'));
}

const app = new Hono<{ Bindings: MaintenanceEnv }>();

app.get('/healthz', async (c) => c.json({ status: 'ok', ...(await state(c.env).status()) }));
app.get('/metrics', async (c) => c.json(await state(c.env).metrics()));
app.get('/history', async (c) =>
  c.json({ runs: await state(c.env).history(Number(c.req.query('limit') ?? 20)) }),
);

app.post('/ops/maintenance', async (c) => {
  const text = await c.req.text();
  let json: unknown = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    return c.json({ error: { kind: 'invalid_request', message: 'the body is not valid JSON' } }, 400);
  }
  const parsed = zMaintenanceRequest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return c.json(
      {
        error: {
          kind: 'invalid_request',
          message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
        },
      },
      400,
    );
  }
  const outcome = await state(c.env).run(parsed.data, 'operator');
  if (outcome.ok) return c.json({ results: outcome.results });
  return outcome.kind === 'busy'
    ? c.json({ error: { kind: 'conflict', message: outcome.message } }, 409)
    : c.json({ error: { kind: 'not_found', message: outcome.message } }, 404);
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
