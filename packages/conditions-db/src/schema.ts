import type { Knex } from 'knex';

/** Version of the table layout this code reads and writes. */
export const SCHEMA_VERSION = 2;

/**
 * Creates the tables. Times of IOVs are signed 64-bit integers (run * 2^32 + subrun, or
 * nanoseconds) bound and read as decimal strings so that no value passes through a JS number.
 */
async function up1(knex: Knex): Promise<void> {
  await knex.schema.createTable('nucal_meta', (t) => {
    t.string('key', 64).primary();
    t.text('value').notNullable();
  });
  await knex('nucal_meta').insert([
    { key: 'schema_version', value: '1' },
    { key: 'write_lock', value: '0' },
  ]);
  await knex.schema.createTable('records', (t) => {
    t.string('name', 128).notNullable();
    t.integer('version').notNullable();
    t.text('description').notNullable();
    t.text('json_schema').notNullable();
    t.bigInteger('created_at').notNullable();
    t.primary(['name', 'version']);
  });
  await knex.schema.createTable('payloads', (t) => {
    t.string('hash', 64).primary();
    t.string('record_name', 128).notNullable();
    t.integer('record_version').notNullable();
    t.text('data').notNullable();
    t.text('provenance').notNullable();
    t.integer('size_bytes').notNullable();
    t.bigInteger('created_at').notNullable();
    t.foreign(['record_name', 'record_version']).references(['name', 'version']).inTable('records');
  });
  await knex.schema.createTable('tags', (t) => {
    t.increments('id').primary();
    t.string('name', 128).notNullable().unique();
    t.string('record_name', 128).notNullable();
    t.integer('record_version').notNullable();
    t.string('time_type', 16).notNullable();
    t.text('description').notNullable();
    t.string('state', 16).notNullable();
    t.boolean('allow_backfill').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('locked_at');
    t.foreign(['record_name', 'record_version']).references(['name', 'version']).inTable('records');
  });
  // No index on iovs.payload_hash: a random-key index costs about a third of the bulk
  // insert rate, and the one query that would use it ("who uses this payload") is rare.
  await knex.schema.createTable('iovs', (t) => {
    t.bigIncrements('id').primary();
    t.integer('tag_id').notNullable().references('id').inTable('tags');
    t.bigInteger('since').notNullable();
    t.string('payload_hash', 64).notNullable().references('hash').inTable('payloads');
    t.bigInteger('inserted_at').notNullable();
    t.index(['tag_id', 'since', 'inserted_at', 'id'], 'iovs_tag_since');
  });
  await knex.schema.createTable('global_tags', (t) => {
    t.increments('id').primary();
    t.string('name', 128).notNullable().unique();
    t.text('description').notNullable();
    t.bigInteger('snapshot_at');
    t.string('state', 16).notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('locked_at');
  });
  await knex.schema.createTable('global_tag_entries', (t) => {
    t.integer('global_tag_id').notNullable().references('id').inTable('global_tags');
    t.string('record_name', 128).notNullable();
    t.integer('tag_id').notNullable().references('id').inTable('tags');
    t.bigInteger('updated_at').notNullable();
    t.primary(['global_tag_id', 'record_name']);
    t.index(['tag_id'], 'gt_entries_tag');
  });
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('at').notNullable();
    t.string('actor', 128).notNullable();
    t.string('action', 64).notNullable();
    t.string('target', 256).notNullable();
    t.text('details').notNullable();
  });
}

/**
 * Version 2: the database orders and stamps every write.
 * - `write_clock` in nucal_meta holds the last stamp (microseconds). Every write transaction
 *   advances it first (which also takes the write lock on both engines), and every row it
 *   writes carries that stamp: stamps are strictly increasing in commit order whatever the
 *   writers' clocks say.
 * - Among rows at one since the highest row id (the database's sequence) wins, so the IOV
 *   index leads with (tag, since, id).
 * - The audit log keeps the authenticated identity in `actor` and a free-text `label` apart.
 * - `tag_rights` holds the tag-name prefixes a PostgreSQL writer role may write.
 */
async function up2(knex: Knex): Promise<void> {
  const last = await knex.raw(
    `SELECT CAST(MAX(m) AS TEXT) AS m FROM (
       SELECT MAX(inserted_at) AS m FROM iovs UNION ALL SELECT MAX(at) FROM audit_log
       UNION ALL SELECT MAX(created_at) FROM payloads UNION ALL SELECT MAX(locked_at) FROM tags UNION ALL SELECT MAX(snapshot_at) FROM global_tags) x`,
  );
  const row = (Array.isArray(last) ? last[0] : last.rows[0]) as { m: string | null } | undefined;
  await knex('nucal_meta').where({ key: 'write_lock' }).delete();
  await knex('nucal_meta').insert({ key: 'write_clock', value: row?.m ?? '0' });
  await knex.schema.alterTable('audit_log', (t) => {
    t.string('label', 128);
  });
  await knex.schema.alterTable('iovs', (t) => {
    t.dropIndex([], 'iovs_tag_since');
  });
  await knex.schema.alterTable('iovs', (t) => {
    t.index(['tag_id', 'since', 'id', 'inserted_at'], 'iovs_tag_since_seq');
  });
  await knex.schema.createTable('tag_rights', (t) => {
    t.string('role_name', 128).notNullable();
    t.string('prefix', 128).notNullable();
    t.primary(['role_name', 'prefix']);
  });
  await knex('nucal_meta').where({ key: 'schema_version' }).update({ value: '2' });
}

const MIGRATIONS: Record<string, (knex: Knex) => Promise<void>> = { '0001_initial': up1, '0002_database_order': up2 };

/** Migration source for knex's migrator, which also serialises concurrent `init` calls. */
export function migrationSource(): Knex.MigrationSource<string> {
  return {
    getMigrations: async () => Object.keys(MIGRATIONS),
    getMigrationName: (m) => m,
    getMigration: async (m) => ({ up: MIGRATIONS[m]!, down: async () => {} }),
  };
}
