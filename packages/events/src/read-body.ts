import { EventError } from './event-error.ts';
import { utf8Length } from './utf8-length.ts';

/**
 * Reads a request body as UTF-8 text, refusing more than `maxBytes`: first by
 * the declared Content-Length, then while streaming, so an oversized body is
 * never buffered whole.
 */
export async function readBodyWithin(
  body: ReadableStream<Uint8Array> | null,
  contentLength: string | null,
  maxBytes: number,
): Promise<string> {
  const declared = contentLength === null ? Number.NaN : Number(contentLength);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(declared, maxBytes);
  if (body === null) return '';
  // A declared length within the limit is enforced by the HTTP framing itself,
  // so the body can be read in one go; only bodies of unknown length are counted
  // chunk by chunk.
  // The size is checked again after reading, in case a caller's header lied.
  if (Number.isFinite(declared)) {
    // Decoded by the runtime in one step; the byte count is only worked out when the
    // text's length leaves it in doubt (a UTF-8 byte count is 1 to 3 times the UTF-16 length).
    const text = await new Response(body).text();
    if (text.length * 3 > maxBytes) {
      const size = utf8Length(text);
      if (size > maxBytes) throw tooLarge(size, maxBytes);
    }
    return text;
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(total, maxBytes, true);
    }
    chunks.push(value);
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(joined);
}

function tooLarge(size: number, maxBytes: number, atLeast = false): EventError {
  return new EventError(
    'body-too-large',
    `request body is ${atLeast ? `more than ${maxBytes}` : size} bytes; the limit is ${maxBytes} bytes: split the events over several requests`,
    { context: { size, maxBytes } },
  );
}
