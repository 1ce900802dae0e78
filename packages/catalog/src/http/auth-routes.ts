import { zGetTokenBody, zGetTokenResponse, zOAuthError } from '@analytics/generated/iceberg-rest-catalog/zod';
import { contentJson } from 'chanfana';
import { type AuthSettings, issueClientCredentialsToken } from '../auth/authenticate.ts';
import { type DocumentedApp, documented } from './documented.ts';

const oauthError = (description: string) => ({ description, ...contentJson(zOAuthError) });

/**
 * `POST /v1/oauth/tokens`: the OAuth2 client-credentials grant PyIceberg,
 * Java/Spark and DuckDB use with `credential=id:secret`. Form-encoded in, OAuth
 * JSON out; its errors use the OAuth shape (RFC 6749 §5.2), not Iceberg's.
 */
export function registerAuthRoutes(app: DocumentedApp, auth: AuthSettings): void {
  documented(
    app,
    'post',
    '/v1/oauth/tokens',
    {
      tags: ['OAuth2 API'],
      operationId: 'getToken',
      summary: 'Exchange client credentials for a bearer token',
      security: [],
      request: {
        body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: zGetTokenBody } } },
      },
      responses: {
        '200': { description: 'A token.', ...contentJson(zGetTokenResponse) },
        '400': oauthError('Malformed request or unsupported grant type.'),
        '401': oauthError('Unknown client or wrong secret.'),
        '5XX': oauthError('Server error.'),
      },
    },
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!type.includes('application/x-www-form-urlencoded')) {
        return c.json(
          {
            error: 'invalid_request',
            error_description: 'the body must be application/x-www-form-urlencoded',
          },
          400,
        );
      }
      const form = new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer()));
      const result = await issueClientCredentialsToken(form, c.req.header('authorization'), auth);
      if ('status' in result) return c.json(result.body, result.status);
      return c.json(result, 200, { 'cache-control': 'no-store' });
    },
  );
}
