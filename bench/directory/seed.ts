import type { Client } from 'pg';

export const ORGANIZATIONS = 50_000;
export const CONTACTS_PER_ORGANIZATION = 4;
/** The benchmark's search word; the seed puts it in about 3 % of organizations. */
export const SEARCH_WORD = 'shelter';

/**
 * Set-based seed (generate_series; one statement per table) through Tandem's migrated schema,
 * indexes included, so the data is shaped as the app would have written it. `setseed` makes
 * every run produce the same rows; only uuids and timestamps differ.
 *
 * Shape: 20 audiences, 30 capabilities; organizations with names, missions and notes that
 * mix accented words ("José", "Familias Unidas", "Zoë") with plain ones, about 1 % named
 * "… Youth Shelter …" and 2 % more mentioning an "emergency shelter" in their mission; stages
 * 30 % prospect, 20 % exploring, 30 % active, 10 % paused, 10 % ended; 1–3 audiences,
 * capabilities and sought capabilities each; 0–3 tags; no owner; updated within ~3 years.
 */
const AUDIENCES_SQL = `
INSERT INTO audiences (name, priority, estimated_population)
SELECT (ARRAY['Teens','Seniors','New immigrants','Job seekers','Families with toddlers','Veterans',
              'People experiencing homelessness','English learners','Small business owners','Students',
              'Parents','Retirees','Refugees','Artists','Caregivers','Adults learning to read',
              'People with disabilities','Rural residents','LGBTQ+ youth','Tenants'])[g],
       1 + g % 3, 500 * g
FROM generate_series(1, 20) AS g`;

const CAPABILITIES_SQL = `
INSERT INTO capabilities (name)
SELECT 'Capability ' || lpad(g::text, 2, '0') || ' ' ||
       (ARRAY['Meeting space','Translation','Volunteers','Funding','Marketing','Transport','Childcare',
              'Tech help','Legal aid','Food'])[1 + g % 10]
FROM generate_series(1, 30) AS g`;

// Run right after setseed() in the same session. INSERT … SELECT never runs the SELECT in
// parallel, so the random() sequence, and with it the data, is the same on every run.
const ORGANIZATIONS_SQL = `
WITH a AS (SELECT array_agg(id ORDER BY name) AS ids FROM audiences),
     c AS (SELECT array_agg(id ORDER BY name) AS ids FROM capabilities),
     s AS MATERIALIZED (
       SELECT g, random() AS r_text, random() AS r_stage, random() AS r_age, random() AS r_upd, random() AS r_notes,
              floor(random() * 20)::int AS a0, 1 + floor(random() * 3)::int AS an,
              floor(random() * 30)::int AS c0, 1 + floor(random() * 3)::int AS cn,
              floor(random() * 30)::int AS k0, 1 + floor(random() * 3)::int AS kn,
              floor(random() * 16)::int AS t0, floor(random() * 4)::int AS tn,
              floor(random() * 6)::int AS f1, floor(random() * 6)::int AS f2, floor(random() * 6)::int AS f3
       FROM generate_series(1, ${ORGANIZATIONS}) AS g)
INSERT INTO organizations (name, type, website, email, phone, address, mission, notes, stage,
                           audience_ids, capability_ids, seeks_capability_ids, tags,
                           fit_audience_reach, fit_mission_overlap, fit_complementary_resources, created_at, updated_at)
SELECT
  (ARRAY['Harbor','Riverside','Familias Unidas','Casa José Martí','Northside','Maple Street','Comunidad Latina',
         'Oak Hill','Café Élan','Lakeview','Southgate','Ñandú'])[1 + g % 12]
    || ' ' || CASE WHEN r_text < 0.01 THEN 'Youth Shelter'
                   ELSE (ARRAY['Youth Center','Food Bank','Literacy Council','Health Clinic','Arts Collective',
                               'Senior Center','Refugee Services','Tenants Union','Makerspace','Community College'])[1 + (g / 12) % 10]
              END
    || ' ' || g,
  (ARRAY['Nonprofit','Government agency','School','Faith community','Business','Foundation'])[1 + g % 6],
  'https://org' || g || '.example.org',
  'info@org' || g || '.example.org',
  '+1 503 555 ' || lpad((g % 10000)::text, 4, '0'),
  g || ' Main Street, Portland, OR',
  (ARRAY['We connect families with after-school programs and tutoring.',
         'Free legal clinics and tenant rights workshops every month.',
         'Hot meals, groceries and nutrition classes for the neighborhood.',
         'Arts education for teens, with studio time and exhibitions.',
         'Job readiness coaching, résumé help and interview practice.',
         'Health screenings and bilingual patient navigation.',
         'Citizenship classes and help for newly arrived families.'])[1 + (g / 3) % 7]
    || CASE WHEN r_text >= 0.01 AND r_text < 0.03 THEN ' We also run an emergency shelter for families.' ELSE '' END,
  CASE WHEN r_notes < 0.4 THEN NULL
       ELSE (ARRAY['Met José at the spring fair; wants a bilingual story time.',
                   'Familias Unidas referred them; follow up after the summer.',
                   'Their director, Zoë, suggested a joint grant application.',
                   'Good fit for the digital literacy series.',
                   'Asked about meeting rooms for evening classes.'])[1 + g % 5]
  END,
  (CASE WHEN r_stage < 0.3 THEN 'prospect' WHEN r_stage < 0.5 THEN 'exploring' WHEN r_stage < 0.8 THEN 'active'
        WHEN r_stage < 0.9 THEN 'paused' ELSE 'ended' END)::organization_stage,
  -- Steps of 7 (and 11) are coprime to 20 and 30, so the 1–3 picked ids are distinct.
  (ARRAY[a.ids[1 + a0], a.ids[1 + (a0 + 7) % 20], a.ids[1 + (a0 + 14) % 20]])[1:an],
  (ARRAY[c.ids[1 + c0], c.ids[1 + (c0 + 7) % 30], c.ids[1 + (c0 + 14) % 30]])[1:cn],
  (ARRAY[c.ids[1 + k0], c.ids[1 + (k0 + 11) % 30], c.ids[1 + (k0 + 22) % 30]])[1:kn],
  (ARRAY['youth','seniors','esl','food','health','arts','jobs','housing','legal','stem','families',
         'immigrants','digital','reading','grants','events'])[1 + t0 : t0 + tn]::varchar[],
  f1, f2, f3,
  now() - r_age * interval '1000 days',
  now() - r_age * r_upd * interval '1000 days'
FROM s, a, c`;

const CONTACTS_SQL = `
INSERT INTO contacts (organization_id, name, title, email, phone, preferred_channel, language, is_primary)
SELECT o.id,
       (ARRAY['José','María','Ana','Li','Fatima','John','Zoë','Kwame','Olga','Ngọc'])[1 + (hashtext(o.id::text) & 7) + n % 3]
         || ' ' || (ARRAY['García','Nguyen','Smith','Okafor','Müller','Kowalski','Hernández','Chen'])[1 + n + (hashtext(o.name) & 3)],
       (ARRAY['Director','Program manager','Volunteer coordinator','Outreach lead'])[n],
       'contact' || n || '.' || substr(o.id::text, 1, 8) || '@example.org',
       '+1 503 555 ' || lpad((n * 1000 + (hashtext(o.name) & 999))::text, 4, '0'),
       (ARRAY['email','phone','text','in-person'])[n]::contact_channel,
       'en',
       n = 1
FROM organizations o CROSS JOIN generate_series(1, ${CONTACTS_PER_ORGANIZATION}) AS n`;

export interface SeedResult {
  audienceId: string;
  organizations: number;
  contacts: number;
  /** Organizations whose name, mission or notes contain SEARCH_WORD. */
  mentioningWord: number;
}

/** Seeds the migrated bench database; `step` prints one progress line per statement. */
export async function seed(
  client: Client,
  step: <T>(label: string, work: () => Promise<T>) => Promise<T>,
): Promise<SeedResult> {
  await step('20 audiences, 30 capabilities', async () => {
    await client.query(AUDIENCES_SQL);
    await client.query(CAPABILITIES_SQL);
  });
  const organizations = await step(`${ORGANIZATIONS.toLocaleString('en-US')} organizations`, async () => {
    await client.query('SELECT setseed(0.42)');
    return (await client.query(ORGANIZATIONS_SQL)).rowCount ?? 0;
  });
  const contacts = await step(
    `${(ORGANIZATIONS * CONTACTS_PER_ORGANIZATION).toLocaleString('en-US')} contacts`,
    async () => (await client.query(CONTACTS_SQL)).rowCount ?? 0,
  );
  // VACUUM, not only ANALYZE: it also empties the GIN pending lists the bulk insert filled
  // and sets the visibility map, so autovacuum does not start in the middle of the load.
  // Statistics target 200 makes ANALYZE read 60,000 rows, i.e. every organization, so the
  // statistics, the plan and with them the figures are the same on every run. With the
  // default 30,000-row sample the planner now and then leaves the audience index out of the
  // search and the database works about four times as hard per request (bench/README.md).
  await step('VACUUM (ANALYZE), statistics from every row', async () => {
    await client.query('SET default_statistics_target = 200');
    for (const table of ['audiences', 'capabilities', 'organizations', 'contacts'])
      await client.query(`VACUUM (ANALYZE) ${table}`);
    await client.query('RESET default_statistics_target');
  });
  const { rows } = await client.query<{ audience_id: string; mentioning: number }>(
    `SELECT (SELECT id FROM audiences ORDER BY name LIMIT 1) AS audience_id,
            (SELECT count(*)::int FROM organizations o
              WHERE tandem_fold(o.name || ' ' || coalesce(o.mission, '') || ' ' || coalesce(o.notes, '')) LIKE '%' || tandem_fold($1) || '%') AS mentioning`,
    [SEARCH_WORD],
  );
  return { audienceId: rows[0].audience_id, organizations, contacts, mentioningWord: rows[0].mentioning };
}
