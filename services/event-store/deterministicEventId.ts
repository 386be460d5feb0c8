import { createHash } from 'node:crypto';

// A fixed namespace so that the same (stream, key) yields the same UUID in every process and every retry.
const SOFT_LANDING_NAMESPACE = Buffer.from('6f1c2a52-3c5e-4b8a-9d0e-5a1f8e2b7c41'.replace(/-/g, ''), 'hex');

/** RFC 9562 UUID version 5 of `${streamName}/${key}`: a retried append carries the same ids and is deduplicated. */
export function deterministicEventId(streamName: string, key: string): string {
  const hash = createHash('sha1').update(SOFT_LANDING_NAMESPACE).update(`${streamName}/${key}`, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
