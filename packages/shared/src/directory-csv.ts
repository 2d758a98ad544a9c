/**
 * The header row of the partner directory's CSV, the same for export and import. The server
 * writes and reads it (src/organization/organization-csv.service.ts); the web app offers it as
 * the import template. The owner is named by their name, not their email: the file travels
 * (shared drives, email attachments) and colleagues' addresses should not travel with it.
 */
/** The largest CSV the server takes (the web app refuses a bigger one before sending it). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The most row errors an import check lists; the rest are counted (a wrong file must not make a huge answer). */
export const MAX_LISTED_ERRORS = 1000;

export const CSV_COLUMNS = [
  'id',
  'name',
  'type',
  'website',
  'email',
  'phone',
  'address',
  'mission',
  'notes',
  'stage',
  'owner',
  'audiences',
  'capabilities',
  'seeksCapabilities',
  'tags',
  'fitAudienceReach',
  'fitMissionOverlap',
  'fitComplementaryResources',
  'fitNotes',
  'version',
] as const;
