/**
 * The header row of the partner directory's CSV, the same for export and import. The server
 * writes and reads it (src/organization/organization-csv.service.ts); the web app offers it as
 * the import template. The owner is named by their name, not their email: the file travels
 * (shared drives, email attachments) and colleagues' addresses should not travel with it.
 */
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
