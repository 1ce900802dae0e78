/**
 * The import pipeline Worker: the hourly cron and the operator's
 * `POST /ops/imports` (forwarded by the health Worker, which checks the
 * operator token) both run through the PipelineState Durable Object, which
 * copies new rows from the configured sources into tables of namespace
 * `imports` (contracts/ops.yaml `runImports`).
 */
import { zImportRequest } from '@analytics/generated/ops/zod';
import { Hono } from 'hono';
import type { PipelineEnv, PipelineState } from './pipeline-state.ts';

export { PipelineState } from './pipeline-state.ts';

function state(env: PipelineEnv): DurableObjectStub<PipelineState> {
  return env.PIPELINE_STATE.get(env.PIPELINE_STATE.idFromName('pipeline'));
}

const app = new Hono<{ Bindings: PipelineEnv }>();

app.get('/healthz', async (c) => c.json({ status: 'ok', ...(await state(c.env).status()) }));
app.get('/metrics', async (c) => c.json(await state(c.env).metrics()));
app.get('/history', async (c) =>
  c.json({ runs: await state(c.env).history(Number(c.req.query('limit') ?? 20)) }),
);

app.post('/ops/imports', async (c) => {
  const text = await c.req.text();
  let json: unknown = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    return c.json({ error: { kind: 'invalid_request', message: 'the body is not valid JSON' } }, 400);
  }
  const parsed = zImportRequest.safeParse(json);
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
  switch (outcome.kind) {
    case 'busy':
      return c.json({ error: { kind: 'conflict', message: outcome.message } }, 409);
    case 'not_found':
      return c.json({ error: { kind: 'not_found', message: outcome.message } }, 404);
    default:
      return c.json({ error: { kind: 'internal', message: outcome.message } }, 500);
  }
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
