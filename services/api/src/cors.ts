/**
 * CORS for `/graphql`: a browser app on another origin than the API's may
 * read it with a read key. Any origin may ask, because nothing rides on
 * cookies: the key travels in `Authorization` (or `X-API-Key`), which the
 * page must hold, and `*` never carries credentials. Neither header is
 * CORS-safelisted, nor is `Content-Type: application/json`, so browsers send a
 * preflight; it is answered without a key (preflights carry none) and cached
 * for a day. Every answer, errors included, is readable by the page, so an app
 * can tell a missing key (401, `WWW-Authenticate` exposed) from a wrong one (403).
 */
const ALLOW_ORIGIN = { 'access-control-allow-origin': '*' } as const;

/** The answer to `OPTIONS /graphql`. */
export function graphqlPreflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...ALLOW_ORIGIN,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'Authorization, Content-Type, X-API-Key',
      'access-control-max-age': '86400',
      allow: 'GET, POST, OPTIONS',
    },
  });
}

/** `response` readable from any origin, its `WWW-Authenticate` included. */
export function withCors(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', '*');
  headers.set('access-control-expose-headers', 'WWW-Authenticate');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
