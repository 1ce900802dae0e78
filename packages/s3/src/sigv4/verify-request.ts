/**
 * Server-side SigV4: verify the Authorization header or presigned query
 * parameters of an incoming request against known secrets. The body is not
 * read here; the result says how the payload must be checked
 * (`checkPayloadHash`, or `decodeAwsChunked` for streaming uploads).
 */
import {
  ALGORITHM,
  canonicalRequest,
  credentialScope,
  parseAmzDate,
  stringToSign,
} from './canonical-request.ts';
import { constantTimeEqual, EMPTY_SHA256, sha256Hex } from './encoding.ts';
import { UNSIGNED_PAYLOAD } from './sign-request.ts';
import { signingKey, signString } from './signing-key.ts';
import { SigV4Error } from './sigv4-error.ts';

/** What a streaming (aws-chunked) body's chunk signatures chain from. */
export interface ChunkSigningContext {
  readonly signingKey: Uint8Array;
  readonly amzDate: string;
  readonly scope: string;
  readonly seedSignature: string;
}

/** How the body of a verified request must be treated. */
export type PayloadMode =
  /** `UNSIGNED-PAYLOAD`: the body is not covered by the signature. */
  | { readonly kind: 'unsigned' }
  /** The body's SHA-256 must equal `hash`. */
  | { readonly kind: 'sha256'; readonly hash: string }
  /** `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`: aws-chunked with chunk signatures. */
  | { readonly kind: 'streaming-signed'; readonly trailer: boolean; readonly context: ChunkSigningContext }
  /** `STREAMING-UNSIGNED-PAYLOAD-TRAILER`: aws-chunked without chunk signatures. */
  | { readonly kind: 'streaming-unsigned-trailer' };

/** A request whose signature verified. */
export interface VerifiedRequest {
  readonly accessKeyId: string;
  readonly region: string;
  readonly payload: PayloadMode;
}

/** How to verify. */
export interface VerifyOptions {
  /** The secret for an access key id, or `undefined` when the key is unknown. */
  readonly credentials: (accessKeyId: string) => string | undefined | Promise<string | undefined>;
  /** Server time (pass the clock in). */
  readonly now: Date;
  /** Expected service in the credential scope (default `s3`). */
  readonly service?: string;
  /** Largest allowed distance between request time and `now` (default 15 minutes, as S3). */
  readonly maxSkewMs?: number;
}

/** The request parts verification reads. `Request` fits. */
export interface VerifiableRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
}

const DEFAULT_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

interface ParsedAuth {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: string[];
  readonly signature: string;
  readonly amzDate: string;
}

function parseCredential(credential: string): Omit<ParsedAuth, 'signedHeaders' | 'signature' | 'amzDate'> {
  // The access key id itself may not contain '/', so the last four parts are the scope.
  const parts = credential.split('/');
  if (parts.length < 5 || parts[parts.length - 1] !== 'aws4_request') {
    throw new SigV4Error(
      'malformed-authorization',
      `Credential "${credential}" is not <key>/<date>/<region>/<service>/aws4_request`,
    );
  }
  const [date, region, service] = parts.slice(-4) as [string, string, string];
  return { accessKeyId: parts.slice(0, -4).join('/'), date, region, service };
}

function parseAuthorizationHeader(header: string, headers: Headers): ParsedAuth {
  if (!header.startsWith(`${ALGORITHM} `)) {
    const algorithm = header.split(' ')[0] ?? '';
    throw new SigV4Error(
      'unsupported-algorithm',
      `Authorization algorithm "${algorithm}" is not supported; use ${ALGORITHM}`,
    );
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signed = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signed || !signature) {
    throw new SigV4Error(
      'malformed-authorization',
      'Authorization header needs Credential, SignedHeaders and Signature',
    );
  }
  const amzDate = headers.get('x-amz-date') ?? fromHttpDate(headers.get('date'));
  if (!amzDate)
    throw new SigV4Error('malformed-authorization', 'Signed requests need an x-amz-date (or Date) header');
  return { ...parseCredential(credential), signedHeaders: signed.split(';'), signature, amzDate };
}

function fromHttpDate(value: string | null): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parsePresigned(params: URLSearchParams, now: Date): ParsedAuth {
  const algorithm = params.get('X-Amz-Algorithm');
  if (algorithm !== ALGORITHM) {
    throw new SigV4Error(
      'unsupported-algorithm',
      `X-Amz-Algorithm "${algorithm ?? ''}" is not supported; use ${ALGORITHM}`,
    );
  }
  const credential = params.get('X-Amz-Credential');
  const amzDate = params.get('X-Amz-Date');
  const expires = params.get('X-Amz-Expires');
  const signed = params.get('X-Amz-SignedHeaders');
  const signature = params.get('X-Amz-Signature');
  if (!credential || !amzDate || !expires || !signed || !signature) {
    throw new SigV4Error(
      'malformed-authorization',
      'Presigned URLs need X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature',
    );
  }
  const seconds = Number(expires);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS) {
    throw new SigV4Error(
      'malformed-authorization',
      `X-Amz-Expires must be 1..${MAX_PRESIGN_SECONDS}, got "${expires}"`,
    );
  }
  const issued = parseAmzDate(amzDate);
  if (issued && now.getTime() > issued.getTime() + seconds * 1000) {
    throw new SigV4Error('expired', `Request has expired: issued ${amzDate}, valid ${seconds} s`, {
      amzDate,
      expires,
    });
  }
  return { ...parseCredential(credential), signedHeaders: signed.split(';'), signature, amzDate };
}

function payloadModeOf(
  value: string | null,
):
  | 'unsigned'
  | 'streaming-signed'
  | 'streaming-signed-trailer'
  | 'streaming-unsigned-trailer'
  | 'sha256'
  | 'missing' {
  switch (value) {
    case null:
      return 'missing';
    case UNSIGNED_PAYLOAD:
      return 'unsigned';
    case 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD':
      return 'streaming-signed';
    case 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER':
      return 'streaming-signed-trailer';
    case 'STREAMING-UNSIGNED-PAYLOAD-TRAILER':
      return 'streaming-unsigned-trailer';
    default:
      if (/^[0-9a-f]{64}$/.test(value)) return 'sha256';
      throw new SigV4Error(
        'unsupported-algorithm',
        `x-amz-content-sha256 "${value}" is not a supported payload mode`,
      );
  }
}

/**
 * Verify a request's SigV4 signature. Throws `SigV4Error` on any failure.
 * Header auth needs `x-amz-content-sha256` (as S3 does); presigned URLs
 * imply `UNSIGNED-PAYLOAD` unless they carry that header.
 */
export async function verifyRequest(
  request: VerifiableRequest,
  options: VerifyOptions,
): Promise<VerifiedRequest> {
  const url = new URL(request.url);
  const header = request.headers.get('authorization');
  const presigned = !header && url.searchParams.has('X-Amz-Signature');
  if (!header && !presigned) throw new SigV4Error('missing-authentication', 'Request is not signed');
  const auth = header
    ? parseAuthorizationHeader(header, request.headers)
    : parsePresigned(url.searchParams, options.now);

  const service = options.service ?? 's3';
  if (auth.service !== service) {
    throw new SigV4Error(
      'malformed-authorization',
      `Credential scope service is "${auth.service}", expected "${service}"`,
    );
  }
  const issued = parseAmzDate(auth.amzDate);
  if (!issued)
    throw new SigV4Error('malformed-authorization', `X-Amz-Date "${auth.amzDate}" is not YYYYMMDDTHHMMSSZ`);
  if (auth.amzDate.slice(0, 8) !== auth.date) {
    throw new SigV4Error(
      'malformed-authorization',
      `Credential date ${auth.date} differs from X-Amz-Date ${auth.amzDate}`,
    );
  }
  const skew = Math.abs(options.now.getTime() - issued.getTime());
  // Presigned URLs may be used long after signing (expiry checked above) but not before.
  if (
    (presigned ? issued.getTime() - options.now.getTime() : skew) > (options.maxSkewMs ?? DEFAULT_SKEW_MS)
  ) {
    throw new SigV4Error(
      'request-time-too-skewed',
      `Request time ${auth.amzDate} is too far from server time`,
      {
        requestTime: auth.amzDate,
        serverTime: options.now.toISOString(),
      },
    );
  }
  if (!auth.signedHeaders.includes('host')) {
    throw new SigV4Error('malformed-authorization', 'SignedHeaders must include host');
  }

  const secret = await options.credentials(auth.accessKeyId);
  if (secret === undefined) {
    throw new SigV4Error('invalid-access-key-id', `Access key id "${auth.accessKeyId}" does not exist`, {
      accessKeyId: auth.accessKeyId,
    });
  }

  const contentSha = request.headers.get('x-amz-content-sha256');
  const mode = presigned && contentSha === null ? 'unsigned' : payloadModeOf(contentSha);
  if (mode === 'missing') {
    throw new SigV4Error('malformed-authorization', 'Signed requests need an x-amz-content-sha256 header');
  }
  const hash = presigned && contentSha === null ? UNSIGNED_PAYLOAD : (contentSha as string);

  const headers = [...request.headers];
  if (!request.headers.has('host')) headers.push(['host', url.host]);
  const canonical = canonicalRequest({
    method: request.method,
    path: url.pathname,
    query: url.search.slice(1),
    headers,
    signedHeaders: auth.signedHeaders,
    payloadHash: hash,
  });
  const scope = credentialScope(auth.date, auth.region, auth.service);
  const toSign = await stringToSign(auth.amzDate, scope, canonical);
  const key = await signingKey(secret, auth.date, auth.region, auth.service);
  const expected = await signString(key, toSign);
  if (!constantTimeEqual(expected, auth.signature.toLowerCase())) {
    throw new SigV4Error(
      'signature-does-not-match',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      { accessKeyId: auth.accessKeyId, canonicalRequest: canonical, stringToSign: toSign },
    );
  }

  const context: ChunkSigningContext = {
    signingKey: key,
    amzDate: auth.amzDate,
    scope,
    seedSignature: expected,
  };
  const payload: PayloadMode =
    mode === 'unsigned'
      ? { kind: 'unsigned' }
      : mode === 'sha256'
        ? { kind: 'sha256', hash }
        : mode === 'streaming-unsigned-trailer'
          ? { kind: 'streaming-unsigned-trailer' }
          : { kind: 'streaming-signed', trailer: mode === 'streaming-signed-trailer', context };
  return { accessKeyId: auth.accessKeyId, region: auth.region, payload };
}

/** Check a fully read body against a `sha256` payload mode. */
export async function checkPayloadHash(body: Uint8Array, expected: string): Promise<void> {
  const actual = body.byteLength === 0 ? EMPTY_SHA256 : await sha256Hex(body);
  if (actual !== expected) {
    throw new SigV4Error(
      'content-sha256-mismatch',
      'The provided x-amz-content-sha256 header does not match what was computed',
      {
        expected,
        actual,
      },
    );
  }
}
