/**
 * Dumps the PGlite database of the previous release (TANDEM_DATA_DIR/pgdata) as SQL that one
 * simple-protocol query can restore into an empty database.
 */
export async function dumpLegacyPglite(pgdata: string): Promise<string> {
  throw new Error(`not yet: ${pgdata}`);
}
