/**
 * The little XML S3 needs: writing response documents, and reading the two
 * request bodies clients send (DeleteObjects, CompleteMultipartUpload). The
 * request shapes are flat, so a tag scanner is enough; no DTDs or namespaces
 * are interpreted.
 */

/** The S3 2006-03-01 namespace every response document carries. */
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Escape text for an XML element body. */
export function escapeXml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );
}

/** Reverse of `escapeXml`, plus numeric character references. */
export function unescapeXml(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[entity] as string;
  });
}

/** `<name>escaped value</name>`; `undefined` values produce nothing. */
export function xmlElement(name: string, value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A complete document with the XML declaration; `namespaced` adds the S3 namespace to the root. */
export function xmlDocument(root: string, inner: string, namespaced = true): string {
  const ns = namespaced ? ` xmlns="${S3_NAMESPACE}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${inner}</${root}>`;
}

/** The bodies of every `<tag>...</tag>` (namespace prefixes ignored), unescaped unless `raw`. */
export function xmlChildren(xml: string, tag: string, raw = false): string[] {
  const re = new RegExp(`<(?:[\\w-]+:)?${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${tag}>`, 'g');
  return [...xml.matchAll(re)].map((m) => (raw ? (m[1] as string) : unescapeXml(m[1] as string)));
}

/** The body of the first `<tag>` or `undefined`. */
export function xmlChild(xml: string, tag: string): string | undefined {
  return xmlChildren(xml, tag)[0];
}
