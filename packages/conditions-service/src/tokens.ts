import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, PermissionError, sha256, TAG_NAME, ValidationError } from '@nucal/core';
import type { AccessLevel, ConditionsDb } from '@nucal/conditions-db';
import { z } from 'zod';

/**
 * The table of service tokens, kept by this package beside the conditions tables (created on
 * the first `createToken`; the conditions layout is unchanged, so every nucal version still
 * opens the database). Only the sha256 of a token is stored.
 */
export const TOKEN_TABLE = 'nucal_service_tokens';

/** A token as listed: never the secret, which exists only in `createToken`'s answer. */
export interface TokenInfo {
  readonly name: string;
  /** The permission model's levels: reader, writer (limited to `tagPrefixes`), admin. */
  readonly role: AccessLevel;
  /** Tag-name prefixes a writer may create, lock and append to (`''` = every tag); empty for readers and admins. */
  readonly tagPrefixes: readonly string[];
  readonly description: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

/** Input of {@link createToken}. */
export const CreateTokenInput = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'expected 1-64 characters of A-Z a-z 0-9 _ - . starting with a letter or digit'),
  role: z.enum(['reader', 'writer', 'admin']),
  tagPrefixes: z.array(z.string().max(128)).max(100).optional(),
  description: z.string().max(1024).regex(/^[^\u0000]*$/, 'expected text without NUL characters').default(''),
}).strict();
export type CreateTokenInput = z.input<typeof CreateTokenInput>;

/** What the service knows about the holder of a presented token. */
export type TokenHolder = Pick<TokenInfo, 'name' | 'role' | 'tagPrefixes'>;

/** Finds the holder of a secret, or null when the token is unknown or revoked. */
export type TokenLookup = (secret: string) => Promise<TokenHolder | null>;

/** The shape of a token: `nct_` and 43 base64url characters (32 random bytes). */
export const TOKEN_FORMAT = /^nct_[A-Za-z0-9_-]{43}$/;

/**
 * Creates a token for the service and returns it with its secret, shown this once (the
 * database keeps only its sha256). Tokens come from the operating system's CSPRNG, never
 * from a seeded generator.
 *
 * @example
 * const { token } = await createToken(db, { name: 'calib-bot', role: 'writer', tagPrefixes: ['dune.'] });
 * // clients send `Authorization: Bearer ${token}`
 */
export async function createToken(db: ConditionsDb, input: CreateTokenInput): Promise<TokenInfo & { readonly token: string }> {
  const parsed = CreateTokenInput.safeParse(input);
  if (!parsed.success) throw new ValidationError('token is invalid', parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  const { name, role, description } = parsed.data;
  if (role !== 'writer' && parsed.data.tagPrefixes?.length) throw new ValidationError(`tag prefixes apply to writer tokens only, not to a ${role}`);
  const tagPrefixes = role === 'writer' ? [...(parsed.data.tagPrefixes ?? [''])] : [];
  for (const p of tagPrefixes) {
    if (p !== '' && !TAG_NAME.test(p)) throw new ValidationError(`tag prefix "${p}" is invalid: expected the start of a tag name (A-Z a-z 0-9 _ - .)`);
  }
  writable(db, 'create a token');
  await ensureTable(db);
  const token = `nct_${randomBytes(32).toString('base64url')}`;
  const createdAt = new Date(Math.floor((await db.now()).getTime()));
  try {
    await db.knex(TOKEN_TABLE).insert({ name, token_hash: sha256(token), role, tag_prefixes: JSON.stringify(tagPrefixes), description, created_at: createdAt.getTime(), revoked_at: null });
  } catch (err) {
    if ((await db.knex(TOKEN_TABLE).where({ name }).first()) !== undefined) throw new ConflictError(`token ${name} exists: revoke it and create one with another name`);
    throw err;
  }
  return { name, role, tagPrefixes, description, createdAt, revokedAt: null, token };
}

/**
 * Every token, revoked ones too, by name (never their secrets).
 *
 * @example
 * for (const t of await listTokens(db)) console.log(t.name, t.role, t.revokedAt ?? 'active');
 */
export async function listTokens(db: ConditionsDb): Promise<TokenInfo[]> {
  if (!(await db.knex.schema.hasTable(TOKEN_TABLE))) return [];
  return (await db.knex(TOKEN_TABLE).orderBy('name')).map(toInfo);
}

/**
 * Revokes a token: the service refuses it from its next request on. Revoking twice is harmless.
 *
 * @example
 * await revokeToken(db, 'calib-bot');
 */
export async function revokeToken(db: ConditionsDb, name: string): Promise<TokenInfo> {
  writable(db, `revoke token ${name}`);
  const row = (await db.knex.schema.hasTable(TOKEN_TABLE)) ? await db.knex(TOKEN_TABLE).where({ name }).first() : undefined;
  if (!row) throw new NotFoundError(`token ${name} does not exist`);
  if (row.revoked_at === null) await db.knex(TOKEN_TABLE).where({ name }).update({ revoked_at: (await db.now()).getTime() });
  return toInfo(await db.knex(TOKEN_TABLE).where({ name }).first());
}

/**
 * The token lookup of a database: the holder of a current token, or null. The table is read
 * on every call (writes are rare), so a revocation applies at once, also when another process
 * (the CLI) revoked it.
 *
 * @example
 * createConditionsService({ db, tokens: databaseTokens(db) }); // the default
 */
export function databaseTokens(db: ConditionsDb): TokenLookup {
  let tableSeen = false;
  return async (secret) => {
    if (!TOKEN_FORMAT.test(secret)) return null;
    if (!tableSeen) {
      tableSeen = await db.knex.schema.hasTable(TOKEN_TABLE);
      if (!tableSeen) return null;
    }
    const row = await db.knex(TOKEN_TABLE).where({ token_hash: sha256(secret) }).first();
    if (!row || row.revoked_at !== null) return null;
    const info = toInfo(row);
    return { name: info.name, role: info.role, tagPrefixes: info.tagPrefixes };
  };
}

async function ensureTable(db: ConditionsDb): Promise<void> {
  if (await db.knex.schema.hasTable(TOKEN_TABLE)) return;
  try {
    await db.knex.schema.createTable(TOKEN_TABLE, (t) => {
      t.string('name', 64).primary();
      t.string('token_hash', 64).notNullable().unique();
      t.string('role', 16).notNullable();
      t.text('tag_prefixes').notNullable();
      t.text('description').notNullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('revoked_at');
    });
  } catch (err) {
    // another process created it meanwhile
    if (!(await db.knex.schema.hasTable(TOKEN_TABLE))) throw err;
  }
}

function writable(db: ConditionsDb, what: string): void {
  if (db.readOnly) throw new PermissionError(`cannot ${what}: database ${db.location} is open read-only`);
}

function toInfo(row: Record<string, unknown>): TokenInfo {
  return {
    name: String(row.name),
    role: String(row.role) as AccessLevel,
    tagPrefixes: JSON.parse(String(row.tag_prefixes)) as string[],
    description: String(row.description ?? ''),
    createdAt: new Date(Number(row.created_at)),
    revokedAt: row.revoked_at === null || row.revoked_at === undefined ? null : new Date(Number(row.revoked_at)),
  };
}
