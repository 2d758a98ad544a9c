import type { EntityManager } from 'typeorm';

/**
 * The search box on every screen (GET /search): partners, contacts and programs whose text
 * contains what was typed, ignoring case and accents, the most relevant first. Each kind is one
 * statement with named parameters (`:term`, `:pattern`, `:limit`), so the conditions the owning
 * domains hand in (contactSearchCondition, ORGANIZATION_SEARCH_EXPRESSION) bind as they do in
 * the domains' own lists.
 */
export interface SearchInput {
  /** The text as typed, trimmed; bound as `:term` (names equal to it rank first). */
  term: string;
  /** `term` with LIKE wildcards escaped (escapeLike); bound as `:pattern`. */
  pattern: string;
  /** An organization's searchable text over alias `o`, as its trigram index is built (ORGANIZATION_SEARCH_EXPRESSION). */
  organizationText: string;
  /**
   * The contacts (alias `c`) this caller may find by `:pattern`: contactSearchCondition('c', user,
   * 'pattern'), so a viewer cannot find a contact by the email or phone they may not see.
   */
  contactCondition: string;
  /** How many of each kind. */
  limit: number;
}

/** What a search statement runs on: the data source's manager, or a transaction's. */
export type SearchQueryable = Pick<EntityManager, 'connection' | 'query'>;

/** A program's searchable text over alias `p`. Programs are few (tens), so no index backs it. */
const PROGRAM_TEXT = `tandem_fold(p.name || ' ' || coalesce(p.description, ''))`;

const contains = (text: string) => `${text} LIKE '%' || tandem_fold(:pattern) || '%'`;

/**
 * Relevance by name, then a stable order: the name equal to the text, then names starting with
 * it, then names with a word starting with it, then the rest (matched elsewhere: mission,
 * title, email…); within each, the closest name by trigram similarity, then name and id.
 */
const byRelevance = (name: string, id: string) => `
  CASE WHEN tandem_fold(${name}) = tandem_fold(:term) THEN 0
       WHEN tandem_fold(${name}) LIKE tandem_fold(:pattern) || '%' THEN 1
       WHEN tandem_fold(${name}) LIKE '% ' || tandem_fold(:pattern) || '%' THEN 2
       ELSE 3 END,
  similarity(tandem_fold(${name}), tandem_fold(:term)) DESC, lower(${name}), ${id}`;

function run<T>(db: SearchQueryable, sql: string, search: SearchInput): Promise<T[]> {
  const [query, values] = db.connection.driver.escapeQueryWithParameters(sql, {
    term: search.term,
    pattern: search.pattern,
    limit: search.limit,
  });
  return db.query<T[]>(query, values);
}

export interface OrganizationSearchRow {
  id: string;
  name: string;
  stage: string;
  type: string | null;
}

/** Organizations whose name, mission or notes contain the text (trigram index), most relevant first. */
export function organizationSearchRows(db: SearchQueryable, search: SearchInput): Promise<OrganizationSearchRow[]> {
  return run<OrganizationSearchRow>(
    db,
    `SELECT o.id, o.name, o.stage, o.type
     FROM organizations o
     WHERE ${contains(search.organizationText)}
     ORDER BY ${byRelevance('o.name', 'o.id')}
     LIMIT :limit`,
    search,
  );
}

/** A contact's columns (the caller redacts them with toContactResponse) and its organization's name. */
export interface ContactSearchRow {
  id: string;
  version: number;
  organizationId: string;
  organizationName: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  preferredChannel: string;
  language: string;
  isPrimary: boolean;
  notes: string | null;
}

/** Contacts meeting the caller's condition, most relevant first, with their organization's name. */
export function contactSearchRows(db: SearchQueryable, search: SearchInput): Promise<ContactSearchRow[]> {
  return run<ContactSearchRow>(
    db,
    `SELECT c.id, c.version, c.organization_id AS "organizationId", o.name AS "organizationName",
            c.name, c.title, c.email, c.phone, c.preferred_channel AS "preferredChannel",
            c.language, c.is_primary AS "isPrimary", c.notes
     FROM contacts c JOIN organizations o ON o.id = c.organization_id
     WHERE ${search.contactCondition}
     ORDER BY ${byRelevance('c.name', 'c.id')}
     LIMIT :limit`,
    search,
  );
}

export interface ProgramSearchRow {
  id: string;
  name: string;
  status: string;
}

/** Programs whose name or description contain the text, most relevant first. */
export function programSearchRows(db: SearchQueryable, search: SearchInput): Promise<ProgramSearchRow[]> {
  return run<ProgramSearchRow>(
    db,
    `SELECT p.id, p.name, p.status
     FROM programs p
     WHERE ${contains(PROGRAM_TEXT)}
     ORDER BY ${byRelevance('p.name', 'p.id')}
     LIMIT :limit`,
    search,
  );
}
