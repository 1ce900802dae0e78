/**
 * Ceilings for the ingest benchmark, served by the same `wrangler dev` and
 * workerd as the stack, with the same client and bodies:
 *
 * - `POST /noop` reads the body and answers 202: what the dev server and the
 *   runtime cost per request before any Worker code.
 * - `POST /durable` is the least a durable collector does: parse the JSON,
 *   hand its events as one string to a Durable Object, which inserts them as
 *   one SQLite row before the answer (no keys, validation, enrichment, ids
 *   or de-duplication).
 */
import { DurableObject } from 'cloudflare:workers';

export class Buffer extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS batches (seq INTEGER PRIMARY KEY, rows TEXT NOT NULL)');
  }

  /** Stores one request's events; resolves once they are durable (output gate). */
  async append(rows) {
    this.ctx.storage.sql.exec('INSERT INTO batches (rows) VALUES (?)', rows);
    return rows.length;
  }
}

export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    const text = await request.text();
    if (path === '/noop') return new Response('{}', { status: 202 });
    if (path !== '/durable') return new Response('not found', { status: 404 });
    const { events } = JSON.parse(text);
    await env.BUFFER.get(env.BUFFER.idFromName('events')).append(JSON.stringify(events));
    return Response.json({ accepted: events.length }, { status: 202 });
  },
};
