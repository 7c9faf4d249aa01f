import { ValidationError } from '@nucal/core';
import type { DbContext } from './context.js';
import { translateDbError } from './db-errors.js';
import { writeTransaction } from './write-transaction.js';
import { TAG_NAME } from '@nucal/core';

/** What a PostgreSQL role may do in a conditions database. */
export type AccessLevel = 'reader' | 'writer' | 'admin';

/** A role's rights as stored. */
export interface Grant {
  readonly role: string;
  readonly level: AccessLevel;
  /** Tag-name prefixes a writer may create and append to ('' = every tag); empty for readers and admins. */
  readonly tagPrefixes: readonly string[];
}

const ROLE = /^[a-z_][a-z0-9_]{0,62}$/;
const TABLES = ['nucal_meta', 'records', 'payloads', 'tags', 'iovs', 'global_tags', 'global_tag_entries', 'audit_log', 'tag_rights', 'nucal_migrations', 'nucal_migrations_lock'];

/** The three group roles of one database (PostgreSQL roles are per cluster, so they carry the database name). */
async function groupRoles(ctx: DbContext): Promise<Record<AccessLevel, string>> {
  const db = String((await ctx.knex.raw('SELECT current_database() AS d')).rows[0].d).toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 40);
  return { reader: `${db}_nucal_reader`, writer: `${db}_nucal_writer`, admin: `${db}_nucal_admin` };
}

/**
 * Sets up the permission model of a PostgreSQL conditions database (idempotent; run by the
 * owner of the tables, i.e. who ran `nucal db init`, with CREATEROLE):
 * - three group roles: reader (SELECT), writer (appends IOVs, creates and locks tags, registers
 *   records and payloads), admin (also global tags and imports);
 * - row-level security on tags and IOVs: a writer may only create, lock and append to tags
 *   whose name starts with one of its prefixes (`tag_rights`);
 * - triggers that the owner cannot be fooled around: the audit actor is always `current_user`,
 *   a non-admin's IOV rows carry the transaction's stamp (no back-dated history), a locked tag
 *   or global tag never changes again, and nobody rewrites or deletes IOVs, payloads or audit rows.
 */
export async function setupPermissions(ctx: DbContext): Promise<Record<AccessLevel, string>> {
  requirePostgres(ctx);
  const g = await groupRoles(ctx);
  try {
    await ctx.knex.transaction(async (trx) => {
      for (const role of Object.values(g)) {
        await trx.raw(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} NOLOGIN; END IF; END $$`);
      }
      await trx.raw(`GRANT ${g.reader} TO ${g.writer}`);
      await trx.raw(`GRANT ${g.writer} TO ${g.admin}`);
      await trx.raw(`GRANT USAGE ON SCHEMA ${await schemaName(trx)} TO ${g.reader}`);
      await trx.raw(`GRANT SELECT ON ${TABLES.join(', ')} TO ${g.reader}`);
      await trx.raw(`GRANT INSERT ON records, payloads, tags, iovs, audit_log TO ${g.writer}`);
      await trx.raw(`GRANT UPDATE (value) ON nucal_meta TO ${g.writer}`);
      await trx.raw(`GRANT UPDATE (state, locked_at) ON tags TO ${g.writer}`);
      await trx.raw(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${await schemaName(trx)} TO ${g.writer}`);
      await trx.raw(`GRANT INSERT, UPDATE ON global_tags, global_tag_entries TO ${g.admin}`);
      await trx.raw(`
        CREATE OR REPLACE FUNCTION nucal_is_admin() RETURNS boolean LANGUAGE plpgsql STABLE AS $$
        BEGIN
          RETURN current_user = (SELECT tableowner FROM pg_tables WHERE tablename = 'iovs' AND schemaname = current_schema())
            OR (EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${g.admin}') AND pg_has_role(current_user, '${g.admin}', 'member'));
        END $$`);
      await trx.raw(`
        CREATE OR REPLACE FUNCTION nucal_may_write(tag text) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
        BEGIN
          IF nucal_is_admin() THEN RETURN true; END IF;
          RETURN EXISTS (SELECT 1 FROM tag_rights r JOIN pg_roles p ON p.rolname = r.role_name
            WHERE pg_has_role(current_user, r.role_name, 'member') AND left(tag, length(r.prefix)) = r.prefix);
        END $$`);
      for (const t of ['tags', 'iovs', 'nucal_meta']) await trx.raw(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
      const policies: [string, string, string][] = [
        ['tags', 'nucal_read', 'FOR SELECT USING (true)'],
        ['tags', 'nucal_insert', 'FOR INSERT WITH CHECK (nucal_may_write(name))'],
        ['tags', 'nucal_lock', 'FOR UPDATE USING (nucal_may_write(name)) WITH CHECK (nucal_may_write(name))'],
        ['iovs', 'nucal_read', 'FOR SELECT USING (true)'],
        ['iovs', 'nucal_insert', 'FOR INSERT WITH CHECK (nucal_may_write((SELECT t.name FROM tags t WHERE t.id = tag_id)))'],
        ['nucal_meta', 'nucal_read', 'FOR SELECT USING (true)'],
        ['nucal_meta', 'nucal_clock', "FOR UPDATE USING (key = 'write_clock') WITH CHECK (key = 'write_clock')"],
      ];
      for (const [table, name, body] of policies) {
        await trx.raw(`DROP POLICY IF EXISTS ${name} ON ${table}`);
        await trx.raw(`CREATE POLICY ${name} ON ${table} ${body}`);
      }
      await trx.raw(`
        CREATE OR REPLACE FUNCTION nucal_audit_actor() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.actor := current_user; RETURN NEW; END $$`);
      await trx.raw(`
        CREATE OR REPLACE FUNCTION nucal_iov_stamps() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NOT nucal_is_admin() AND EXISTS (SELECT 1 FROM new_rows
              WHERE inserted_at <> (SELECT CAST(value AS bigint) FROM nucal_meta WHERE key = 'write_clock')) THEN
            RAISE EXCEPTION 'IOV insertion stamps come from the database write clock' USING ERRCODE = '42501';
          END IF;
          RETURN NULL;
        END $$`);
      await trx.raw(`
        CREATE OR REPLACE FUNCTION nucal_tag_only_locks() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF OLD.state = 'locked' THEN RAISE EXCEPTION 'tag % is locked', OLD.name USING ERRCODE = '42501'; END IF;
          IF NEW.name <> OLD.name OR NEW.record_name <> OLD.record_name OR NEW.record_version <> OLD.record_version
              OR NEW.time_type <> OLD.time_type OR NEW.allow_backfill <> OLD.allow_backfill THEN
            RAISE EXCEPTION 'tag % can only be locked, not changed', OLD.name USING ERRCODE = '42501';
          END IF;
          RETURN NEW;
        END $$`);
      await trx.raw(`
        CREATE OR REPLACE FUNCTION nucal_locked_stays() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF OLD.state = 'locked' THEN RAISE EXCEPTION 'global tag % is locked', OLD.name USING ERRCODE = '42501'; END IF;
          RETURN NEW;
        END $$`);
      await trx.raw(`
        CREATE OR REPLACE FUNCTION nucal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501'; END $$`);
      const triggers: [string, string, string][] = [
        ['audit_log', 'nucal_audit_actor', 'BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION nucal_audit_actor()'],
        ['iovs', 'nucal_iov_stamps', 'AFTER INSERT ON iovs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION nucal_iov_stamps()'],
        ['tags', 'nucal_tag_only_locks', 'BEFORE UPDATE ON tags FOR EACH ROW EXECUTE FUNCTION nucal_tag_only_locks()'],
        ['global_tags', 'nucal_locked_stays', 'BEFORE UPDATE ON global_tags FOR EACH ROW EXECUTE FUNCTION nucal_locked_stays()'],
        ['iovs', 'nucal_append_only', 'BEFORE UPDATE OR DELETE ON iovs FOR EACH ROW EXECUTE FUNCTION nucal_append_only()'],
        ['payloads', 'nucal_append_only', 'BEFORE UPDATE OR DELETE ON payloads FOR EACH ROW EXECUTE FUNCTION nucal_append_only()'],
        ['audit_log', 'nucal_append_only', 'BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION nucal_append_only()'],
      ];
      for (const [table, name, body] of triggers) {
        await trx.raw(`DROP TRIGGER IF EXISTS ${name} ON ${table}`);
        await trx.raw(`CREATE TRIGGER ${name} ${body}`);
      }
    });
  } catch (err) {
    throw translateDbError(err, 'set up permissions', ctx.location);
  }
  return g;
}

/**
 * Gives an existing PostgreSQL login role one access level (replacing its earlier one) and,
 * for a writer, the tag-name prefixes it may write (none given: every tag).
 *
 * @example
 * await db.grant('calib_bot', 'writer', { tagPrefixes: ['dune.', 'mc-'] });
 */
export async function grant(ctx: DbContext, role: string, level: AccessLevel, opts: { tagPrefixes?: readonly string[] } = {}): Promise<Grant> {
  requirePostgres(ctx);
  if (typeof role !== 'string' || !ROLE.test(role)) throw new ValidationError(`role "${String(role)}" is invalid: expected a PostgreSQL role name of a-z 0-9 _ (1-63 characters)`);
  if (!['reader', 'writer', 'admin'].includes(level)) throw new ValidationError(`access level "${String(level)}" is invalid: expected reader, writer or admin`);
  const prefixes = level === 'writer' ? [...(opts.tagPrefixes ?? [''])] : [];
  if (level !== 'writer' && opts.tagPrefixes?.length) throw new ValidationError('tag prefixes apply to writers only');
  for (const p of prefixes) {
    if (p !== '' && !TAG_NAME.test(p)) throw new ValidationError(`tag prefix "${p}" is invalid: expected the start of a tag name (A-Z a-z 0-9 _ - .)`);
  }
  const g = await setupPermissions(ctx);
  await writeTransaction(ctx, 'grant', role, async (trx) => {
    const exists = (await trx.raw('SELECT 1 FROM pg_roles WHERE rolname = ?', [role])).rows.length > 0;
    if (!exists) throw new ValidationError(`role ${role} does not exist: create the login first (CREATE ROLE ${role} LOGIN PASSWORD '...')`);
    for (const r of Object.values(g)) await trx.raw(`REVOKE ${r} FROM ${role}`);
    await trx.raw(`GRANT ${g[level]} TO ${role}`);
    await trx('tag_rights').where({ role_name: role }).delete();
    if (prefixes.length) await trx('tag_rights').insert(prefixes.map((prefix) => ({ role_name: role, prefix })));
    return { result: undefined, details: { level, tagPrefixes: prefixes } };
  });
  return { role, level, tagPrefixes: prefixes };
}

/** Every login role with rights on this database, with its level and prefixes. */
export async function listGrants(ctx: DbContext): Promise<Grant[]> {
  requirePostgres(ctx);
  const g = await groupRoles(ctx);
  const out: Grant[] = [];
  for (const level of ['admin', 'writer', 'reader'] as const) {
    const exists = (await ctx.knex.raw('SELECT 1 FROM pg_roles WHERE rolname = ?', [g[level]])).rows.length > 0;
    if (!exists) continue;
    const members = (await ctx.knex.raw(
      'SELECT m.rolname AS role FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member WHERE r.rolname = ? AND m.rolcanlogin ORDER BY m.rolname',
      [g[level]],
    )).rows as { role: string }[];
    for (const { role } of members) {
      const prefixes = level === 'writer' ? (await ctx.knex('tag_rights').where({ role_name: role }).orderBy('prefix')).map((r) => String(r.prefix)) : [];
      out.push({ role, level, tagPrefixes: prefixes });
    }
  }
  return out;
}

function requirePostgres(ctx: DbContext): void {
  if (ctx.dialect !== 'postgres') {
    throw new ValidationError(`database ${ctx.location} is a SQLite file: its permissions are the file's; roles and grants are for PostgreSQL`);
  }
}

async function schemaName(trx: { raw: (sql: string) => Promise<{ rows: { s: string }[] }> }): Promise<string> {
  return (await trx.raw('SELECT current_schema() AS s')).rows[0]!.s;
}
