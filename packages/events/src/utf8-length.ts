/** UTF-8 byte length of a string (limits are in bytes, strings are UTF-16). */
export function utf8Length(text: string): number {
  // UTF-8 needs at most 3 bytes per UTF-16 code unit; encodeInto runs natively and
  // reports what it wrote, into a scratch buffer kept between calls.
  if (scratch.length < text.length * 3)
    scratch = new Uint8Array(Math.max(text.length * 3, scratch.length * 2));
  return ENCODER.encodeInto(text, scratch).written;
}

const ENCODER = new TextEncoder();
let scratch = new Uint8Array(64 * 1024);
