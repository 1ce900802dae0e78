/**
 * The key a request presents: `Authorization: Bearer <key>` (RFC 6750, the
 * scheme matched case-insensitively), else `X-API-Key: <key>`. Another
 * `Authorization` scheme (Basic from a proxy in front, say) is not a key.
 * Undefined when neither header holds one.
 */
export function presentedKey(headers: Headers): string | undefined {
  const authorization = headers.get('authorization')?.trim() ?? '';
  const bearer = /^bearer\s+(\S.*)$/i.exec(authorization)?.[1]?.trim();
  if (bearer) return bearer;
  const apiKey = headers.get('x-api-key')?.trim();
  return apiKey ? apiKey : undefined;
}
