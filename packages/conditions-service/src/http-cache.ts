import { createHash } from 'node:crypto';

/**
 * How long an answer may be kept by browsers and proxies:
 * - `immutable`: it can never change (a payload by hash; a resolution that no later write can
 *   alter): a year, marked `immutable` so caches do not even revalidate;
 * - `short`: it may change (an open-ended IOV of an open tag, an open global tag's map):
 *   `shortMaxAgeS` (default 60 s);
 * - `listing`: lists and metadata, `listingMaxAgeS` (default 5 s), then revalidated by ETag;
 * - `none`: errors, tokens, metrics: `no-store`.
 */
export type CachePolicy = 'immutable' | 'short' | 'listing' | 'none';

/** The max-ages of {@link CachePolicy} and whether shared caches may keep answers. */
export interface CacheRules {
  /** False when reads need a token: answers are then `private` (no shared proxy keeps them). */
  readonly shared: boolean;
  readonly shortMaxAgeS: number;
  readonly listingMaxAgeS: number;
}

/** One year, the longest max-age caches are asked to honour. */
export const IMMUTABLE_MAX_AGE_S = 31_536_000;

/**
 * The `Cache-Control` value of a policy.
 *
 * @example cacheControl('short', { shared: true, shortMaxAgeS: 60, listingMaxAgeS: 5 }) // 'public, max-age=60'
 */
export function cacheControl(policy: CachePolicy, rules: CacheRules): string {
  const scope = rules.shared ? 'public' : 'private';
  switch (policy) {
    case 'immutable':
      return `${scope}, max-age=${IMMUTABLE_MAX_AGE_S}, immutable`;
    case 'short':
      return `${scope}, max-age=${rules.shortMaxAgeS}`;
    case 'listing':
      return `${scope}, max-age=${rules.listingMaxAgeS}`;
    case 'none':
      return 'no-store';
  }
}

/** A strong ETag of a JSON body: its sha256, base64url, quoted. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/**
 * True when `If-None-Match` names this ETag (or is `*`): the client's copy is current and the
 * answer is 304. Weak validators (`W/"..."`) compare by their opaque part, as RFC 9110 says
 * for If-None-Match.
 */
export function notModified(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const text = Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch;
  if (text.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return text.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}
