/*
 * The link hashes of the two known events (knownStageEvent 1 and 2, knownChainEvents.ts), written out by hand and
 * hashed once outside Node with coreutils over the canonical texts that hireStreamChain.test.ts (scheme 1) and
 * hireStreamChainScheme.test.ts (scheme 2) check the code's against:
 *   H1=$(printf '%s' '<text of event 1>' | sha256sum)           # first event: no predecessor
 *   H2=$(printf '%s%s' "$H1" '<text of event 2>' | sha256sum)   # the predecessor's hex hash, then the content
 * Every test that holds the code to known links takes them from here: a change to what the hash covers (or how)
 * is caught rather than recomputed.
 */

/** Scheme 1: the content only. */
export const SCHEME_1_HASHES = [
  '209add3393dddfd5eb2e393ead1592bb38dc9f2ce9dff5b9c9a4450ab517f1e5',
  '79c1880b38f2e85bef311ced7df00ed33d427cdd8c551b20f3ab7849c937d334',
] as const;

/** Scheme 2: the content placed in stream hire-jeugdzorg-west.h-0042, at revisions 0 and 1. */
export const SCHEME_2_HASHES = [
  'f7ad3638fdc640d2b3313bd290969ce0ba248983e994f1fbf47da82ef954ebd5',
  '4535e244d8c1490424dce5f2f0b03ece0c1154d40ae88e08f0b33fb27d4514fc',
] as const;
