import { randomBytes } from 'node:crypto';
// The ESM declarations, like the `import()` below that loads it (its CommonJS ones are another class).
import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import { EmbeddedDatabaseError } from './embedded-database.error';

/**
 * pg_dump options for a script that one simple-protocol query of the superuser restores into an
 * empty database of PostgreSQL 17 (PGlite 0.5 is PostgreSQL 18, its pg_dump is 18 too):
 * - data as multi-row INSERTs: the restore cannot feed `COPY … FROM stdin`, and one INSERT per
 *   row would make the script several times longer to parse;
 * - no owners and no grants: everything belongs to the restoring superuser, as it did in PGlite;
 * - no planner statistics: pg_dump 18 writes them with functions PostgreSQL 17 does not have.
 * (Not --quote-all-identifiers: it changes how PGlite's session shows search_path, and
 * pglite-tools then prints a warning to the console.) pglite-tools adds `--inserts -U postgres
 * -f …` itself.
 */
const DUMP_ARGS = [
  '--rows-per-insert=500',
  '--no-owner',
  '--no-privileges',
  '--no-statistics',
  '--no-tablespaces',
  '--encoding=UTF8',
];

/**
 * pglite-tools deletes from the script every line that starts with `\restrict` or `\unrestrict`
 * (psql meta-commands), and a line of a multi-line text value is a line of the script too: the
 * value, and the rest of its INSERT, would be lost. This finds, case-insensitively like that
 * filter, a backslash-(un)restrict after any line break a JavaScript regex knows (array and
 * JSON values write a backslash doubled, so only plain text columns can hold one).
 */
const CUT_LINE = '[\n\r\u2028\u2029]\\\\(un)?restrict';

/**
 * Dumps the PGlite database of the previous release (TANDEM_DATA_DIR/pgdata) as SQL that one
 * simple-protocol query can restore into an empty database.
 */
export async function dumpLegacyPglite(pgdata: string): Promise<string> {
  const { PGlite, pgDump, pg_trgm, unaccent } = await loadPglite(pgdata);
  // The extensions the migrations created must be loaded, or PGlite cannot open the database.
  const pg = await PGlite.create(pgdata, { extensions: { pg_trgm, unaccent } });
  try {
    // pg_dump ≥ 17.6 brackets its script with `\restrict <key>` … `\unrestrict <key>`; with a key
    // of ours, exactly those two lines are removed, should pglite-tools stop doing it.
    const key = randomBytes(16).toString('hex');
    const dump = async (args: string[]) => {
      const text = await (await pgDump({ pg, args: [...DUMP_ARGS, `--restrict-key=${key}`, ...args] })).text();
      return text.replace(new RegExp(`^\\\\(un)?restrict ${key}\\r?$\\n?`, 'gm'), '');
    };
    const cut = await tablesWithCutLines(pg);
    // The data of those tables goes in between data and constraints, written by us as literals
    // that never pass through that filter.
    const head = await dump([
      '--section=pre-data',
      '--section=data',
      ...cut.map((table) => `--exclude-table-data=${table}`),
    ]);
    const rows: string[] = [];
    for (const table of cut) {
      const { rows: inserts } = await pg.query<{ sql: string }>(
        `SELECT format('INSERT INTO %s SELECT * FROM pg_catalog.json_populate_record(NULL::%s, %L);', $1::text, $1::text, row_to_json(t)) AS sql FROM ${table} t`,
        [table],
      );
      rows.push(...inserts.map((insert) => insert.sql));
    }
    const tail = await dump(['--section=post-data']);
    return [head, ...rows, tail].join('\n');
  } finally {
    await pg.close();
  }
}

/** Qualified names of the tables with a text value that the meta-command filter would cut. */
async function tablesWithCutLines(pg: PGlite): Promise<string[]> {
  const { rows: tables } = await pg.query<{ name: string; test: string }>(`
    SELECT format('%I.%I', n.nspname, c.relname) AS name, string_agg(format('%I ~* $1', a.attname), ' OR ') AS test
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      JOIN pg_type t ON t.oid = a.atttypid AND t.typcategory = 'S'
     WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
     GROUP BY 1`);
  const cut: string[] = [];
  for (const { name, test } of tables) {
    const { rows } = await pg.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${name} WHERE ${test}) AS found`,
      [CUT_LINE],
    );
    if (rows[0].found) cut.push(name);
  }
  return cut;
}

/**
 * PGlite is an optional dependency now (only this upgrade needs it), loaded on demand so that a
 * fresh install without it starts normally.
 */
async function loadPglite(pgdata: string) {
  try {
    const [{ PGlite }, { pgDump }, { pg_trgm }, { unaccent }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-tools/pg_dump'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/unaccent'),
    ]);
    return { PGlite, pgDump, pg_trgm, unaccent };
  } catch (error) {
    // import() of a missing package: ERR_MODULE_NOT_FOUND (MODULE_NOT_FOUND where it becomes require()).
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    throw new EmbeddedDatabaseError(
      `Found the database of an earlier Tandem in ${pgdata}, but not the optional packages that move it over ` +
        `(@electric-sql/pglite, @electric-sql/pglite-tools): run npm install (without --omit=optional) and start again, ` +
        `or move ${pgdata} aside to start with an empty database.`,
    );
  }
}
