import type { Knex } from 'knex';

/** Version of the table layout this code reads and writes. */
export const SCHEMA_VERSION = 1;

/**
 * Creates the tables. Times of IOVs are signed 64-bit integers (run * 2^32 + subrun, or
 * nanoseconds) bound and read as decimal strings so that no value passes through a JS number.
 */
async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('nucal_meta', (t) => {
    t.string('key', 64).primary();
    t.text('value').notNullable();
  });
  await knex('nucal_meta').insert([
    { key: 'schema_version', value: String(SCHEMA_VERSION) },
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

/** Migration source for knex's migrator, which also serialises concurrent `init` calls. */
export function migrationSource(): Knex.MigrationSource<string> {
  return {
    getMigrations: async () => ['0001_initial'],
    getMigrationName: (m) => m,
    getMigration: async () => ({ up, down: async () => {} }),
  };
}
