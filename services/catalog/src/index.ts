import { DurableObject } from 'cloudflare:workers';

export class CatalogDurableObject extends DurableObject {
  ping(): number {
    this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS t (x INTEGER)');
    this.ctx.storage.sql.exec('INSERT INTO t VALUES (1)');
    return this.ctx.storage.sql.exec('SELECT count(*) AS n FROM t').one().n as number;
  }
}

export default {
  async fetch(
    _req: Request,
    env: { CATALOG: DurableObjectNamespace<CatalogDurableObject>; SOURCE: R2Bucket },
  ) {
    await env.SOURCE.put('k', 'v');
    const n = await env.CATALOG.get(env.CATALOG.idFromName('x')).ping();
    return Response.json({ n, v: await (await env.SOURCE.get('k'))?.text() });
  },
};
