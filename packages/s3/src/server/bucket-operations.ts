/**
 * Service- and bucket-level reads: ListBuckets, HeadBucket and
 * GetBucketLocation (R2 reports the region `auto`).
 */
import { xmlDocument, xmlElement } from '../xml.ts';

const xmlHeaders = { 'content-type': 'application/xml' };

/** ListBuckets. Creation dates are not known through a binding, so the epoch is reported. */
export function listBuckets(names: readonly string[]): Response {
  const buckets = [...names]
    .sort()
    .map(
      (name) =>
        `<Bucket>${xmlElement('Name', name)}${xmlElement('CreationDate', new Date(0).toISOString())}</Bucket>`,
    )
    .join('');
  const inner = `<Owner>${xmlElement('ID', 'local')}${xmlElement('DisplayName', 'local')}</Owner><Buckets>${buckets}</Buckets>`;
  return new Response(xmlDocument('ListAllMyBucketsResult', inner), { headers: xmlHeaders });
}

/** HeadBucket: the bucket exists (lookup happened before). */
export function headBucket(): Response {
  return new Response(null, { status: 200, headers: { 'x-amz-bucket-region': 'auto' } });
}

/** GetBucketLocation: R2 answers `auto`. */
export function getBucketLocation(): Response {
  return new Response(xmlDocument('LocationConstraint', 'auto'), { headers: xmlHeaders });
}
