/**
 * Client-side SigV4: sign a request with an Authorization header, or presign
 * a URL with query authentication (AWS "Authenticating Requests: Using the
 * Authorization Header" and "Using Query Parameters", S3 API reference).
 */
import {
  ALGORITHM,
  canonicalRequest,
  credentialScope,
  stringToSign,
  toAmzDate,
} from './canonical-request.ts';
import { EMPTY_SHA256, sha256Hex, uriEncode } from './encoding.ts';
import { signingKey, signString } from './signing-key.ts';

/** An access key pair, with a session token for temporary credentials. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Payload hash marker for bodies the signature does not cover. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** Where and how to sign. */
export interface SignOptions {
  readonly credentials: Credentials;
  /** Region in the credential scope; R2 uses `auto`. */
  readonly region: string;
  /** Service in the credential scope; `s3` unless signing for another service. */
  readonly service?: string;
  /** The signing time (pass the clock in). */
  readonly now: Date;
  /**
   * `hashed` (default) signs the SHA-256 of the body; `unsigned` sends
   * `UNSIGNED-PAYLOAD`; a hex string is used as the precomputed body hash.
   */
  readonly payload?: 'hashed' | 'unsigned' | string;
  /** Send `x-amz-content-sha256` (S3 requires it; generic SigV4 services do not). Default true. */
  readonly contentSha256Header?: boolean;
}

/** A request to sign: the URL must be fully encoded as it will be sent. */
export interface SignInput {
  readonly method: string;
  readonly url: string | URL;
  readonly headers?: Iterable<readonly [string, string]> | Record<string, string>;
  readonly body?: Uint8Array;
}

/** The signed headers and the intermediate texts (useful when a signature does not match). */
export interface SignedRequest {
  /** Every header to send, including `authorization`, `x-amz-date` and `host`. */
  readonly headers: [string, string][];
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
}

/** Headers a proxy or the HTTP stack may change, so signing them would break requests. */
const UNSIGNABLE = new Set([
  'authorization',
  'user-agent',
  'expect',
  'x-amzn-trace-id',
  'connection',
  'transfer-encoding',
]);

function headerPairs(headers: SignInput['headers']): [string, string][] {
  if (!headers) return [];
  const iterable = Symbol.iterator in headers ? headers : Object.entries(headers);
  return [...(iterable as Iterable<readonly [string, string]>)].map(([n, v]) => [n, v]);
}

async function payloadHash(input: SignInput, payload: SignOptions['payload']): Promise<string> {
  if (payload === 'unsigned') return UNSIGNED_PAYLOAD;
  if (payload === undefined || payload === 'hashed') {
    return input.body && input.body.byteLength > 0 ? sha256Hex(input.body) : EMPTY_SHA256;
  }
  return payload;
}

/** Sign a request with an `Authorization` header. */
export async function signRequest(input: SignInput, options: SignOptions): Promise<SignedRequest> {
  const url = typeof input.url === 'string' ? new URL(input.url) : input.url;
  const service = options.service ?? 's3';
  const amzDate = toAmzDate(options.now);
  const scope = credentialScope(amzDate.slice(0, 8), options.region, service);
  const hash = await payloadHash(input, options.payload);

  const headers = headerPairs(input.headers).filter(([n]) => n.toLowerCase() !== 'authorization');
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  if (!has('host')) headers.push(['host', url.host]);
  if (!has('x-amz-date')) headers.push(['x-amz-date', amzDate]);
  if (options.contentSha256Header !== false && !has('x-amz-content-sha256'))
    headers.push(['x-amz-content-sha256', hash]);
  if (options.credentials.sessionToken && !has('x-amz-security-token')) {
    headers.push(['x-amz-security-token', options.credentials.sessionToken]);
  }

  const signedHeaders = [
    ...new Set(headers.map(([n]) => n.toLowerCase()).filter((n) => !UNSIGNABLE.has(n))),
  ].sort();
  const canonical = canonicalRequest({
    method: input.method,
    path: url.pathname,
    query: url.search.slice(1),
    headers,
    signedHeaders,
    payloadHash: hash,
  });
  const toSign = await stringToSign(amzDate, scope, canonical);
  const key = await signingKey(
    options.credentials.secretAccessKey,
    amzDate.slice(0, 8),
    options.region,
    service,
  );
  const signature = await signString(key, toSign);
  headers.push([
    'authorization',
    `${ALGORITHM} Credential=${options.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
  ]);
  return { headers, canonicalRequest: canonical, stringToSign: toSign, signature };
}

/** Options for a presigned URL. */
export interface PresignOptions extends Omit<SignOptions, 'payload' | 'contentSha256Header'> {
  /** Seconds the URL stays valid (S3 allows 1 to 604800). */
  readonly expiresIn: number;
}

/**
 * Presign a URL with query authentication: the signature covers the `host`
 * header only and an `UNSIGNED-PAYLOAD` body, so anyone holding the URL can
 * make exactly that request until it expires.
 */
export async function presignUrl(
  input: Pick<SignInput, 'method' | 'url'>,
  options: PresignOptions,
): Promise<string> {
  const url = new URL(typeof input.url === 'string' ? input.url : input.url.href);
  const service = options.service ?? 's3';
  const amzDate = toAmzDate(options.now);
  const scope = credentialScope(amzDate.slice(0, 8), options.region, service);
  const params: [string, string][] = [
    ['X-Amz-Algorithm', ALGORITHM],
    ['X-Amz-Credential', `${options.credentials.accessKeyId}/${scope}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(options.expiresIn)],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  if (options.credentials.sessionToken)
    params.push(['X-Amz-Security-Token', options.credentials.sessionToken]);
  const extra = params.map(([n, v]) => `${uriEncode(n, true)}=${uriEncode(v, true)}`).join('&');
  const query = url.search.length > 1 ? `${url.search.slice(1)}&${extra}` : extra;
  const canonical = canonicalRequest({
    method: input.method,
    path: url.pathname,
    query,
    headers: [['host', url.host]],
    signedHeaders: ['host'],
    payloadHash: UNSIGNED_PAYLOAD,
  });
  const key = await signingKey(
    options.credentials.secretAccessKey,
    amzDate.slice(0, 8),
    options.region,
    service,
  );
  const signature = await signString(key, await stringToSign(amzDate, scope, canonical));
  return `${url.origin}${url.pathname}?${query}&X-Amz-Signature=${signature}`;
}
