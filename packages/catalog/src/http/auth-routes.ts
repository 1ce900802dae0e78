import type { Hono } from 'hono';
import { type AuthSettings, issueClientCredentialsToken } from '../auth/authenticate.ts';
import type { CatalogEnv } from './catalog-app.ts';

/**
 * `POST /v1/oauth/tokens`: the OAuth2 client-credentials grant PyIceberg,
 * Java/Spark and DuckDB use with `credential=id:secret`. Form-encoded in, OAuth
 * JSON out; its errors use the OAuth shape (RFC 6749 §5.2), not Iceberg's.
 */
export function registerAuthRoutes(app: Hono<CatalogEnv>, auth: AuthSettings): void {
  app.post('/v1/oauth/tokens', async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!type.includes('application/x-www-form-urlencoded')) {
      return c.json(
        { error: 'invalid_request', error_description: 'the body must be application/x-www-form-urlencoded' },
        400,
      );
    }
    const form = new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer()));
    const result = await issueClientCredentialsToken(form, c.req.header('authorization'), auth);
    if ('status' in result) return c.json(result.body, result.status);
    return c.json(result, 200, { 'cache-control': 'no-store' });
  });
}
