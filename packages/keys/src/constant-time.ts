/**
 * Whether two strings are equal, in time that depends only on their lengths,
 * never on where they first differ. Meant for fixed-length values such as
 * hex SHA-256 hashes, whose length is no secret.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
