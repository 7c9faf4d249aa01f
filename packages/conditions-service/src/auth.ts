import { PermissionError } from '@nucal/core';
import type { AccessLevel } from '@nucal/conditions-db';
import { UnauthorizedError } from './http-errors.js';
import type { TokenHolder, TokenLookup } from './tokens.js';

const RANK: Record<AccessLevel, number> = { reader: 0, writer: 1, admin: 2 };

/**
 * The holder of the bearer token of a request (`Authorization: Bearer <token>`), or an
 * {@link UnauthorizedError} when the header is missing, malformed, or names an unknown or
 * revoked token.
 */
export async function authenticate(header: string | string[] | undefined, lookup: TokenLookup): Promise<TokenHolder> {
  if (header === undefined) throw new UnauthorizedError('this request needs a token: send Authorization: Bearer <token>');
  const m = typeof header === 'string' ? /^Bearer +(\S{1,512})$/i.exec(header.trim()) : null;
  if (!m) throw new UnauthorizedError('Authorization header is malformed: expected "Bearer <token>"');
  const holder = await lookup(m[1]!);
  if (!holder) throw new UnauthorizedError('token is unknown or revoked');
  return holder;
}

/** Refuses a holder below the access level an operation needs. */
export function requireLevel(holder: TokenHolder, level: AccessLevel, what: string): void {
  if (RANK[holder.role] < RANK[level]) throw new PermissionError(`token ${holder.name} (${holder.role}) may not ${what}: it needs ${level} rights`);
}

/** Refuses a writer whose tag prefixes do not cover `tag` (admins may write every tag). */
export function requireTagRight(holder: TokenHolder, tag: string, what: string): void {
  requireLevel(holder, 'writer', what);
  if (holder.role === 'admin') return;
  if (!holder.tagPrefixes.some((p) => tag.startsWith(p))) {
    throw new PermissionError(`token ${holder.name} may not ${what}: tag ${tag} is outside its tag prefixes (${holder.tagPrefixes.map((p) => `${p}*`).join(', ')})`);
  }
}
