/** UTF-8 byte length of a string without encoding it (limits are in bytes, strings are UTF-16). */
export function utf8Length(text: string): number {
  // Most event JSON is printable ASCII: the regular expression engine finds that far faster than a loop.
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const NON_ASCII = /[^ -~\t\n\r]/;
