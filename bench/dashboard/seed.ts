import type { Client } from 'pg';

/**
 * The dashboard benchmark's data: a library's partnership directory two years into using
 * Tandem, written with set-based SQL (generate_series, one statement per table) through
 * Tandem's migrated schema, indexes, checks and foreign keys included. `setseed` makes every
 * run draw the same numbers; uuids and timestamps (relative to now) differ.
 *
 * Shape (about 500,000 rows):
 * - 28 staff (3 managers) who own organizations, make visits, write notes and get tasks.
 * - 12 audiences, 4 of them priority 1; "Adults learning English" (priority 1) is served by
 *   no active organization, only by a few prospects, so it is the uncovered one. 40 capabilities.
 * - 5,000 organizations: 20 % prospect, 15 % exploring, 40 % active, 10 % paused, 15 % ended;
 *   85 % owned; 1–3 audiences, 0–3 capabilities, 0–2 sought; a quarter never fit-assessed.
 *   Each has a "last contact" drawn by stage: most active ones within 10 days, some 10–60,
 *   15 % silent for 90–390 days (dormant); paused 60–300 days; ended 200–700.
 * - 700 programs: 60 % running, 22 % completed, 10 % paused, 8 % planned (some starting within
 *   two weeks); weekly, twice weekly, every other week or on the first Saturday of the month,
 *   in four US zones; 1–3 partners each among the active and paused organizations.
 * - Their sessions from their start (up to two years ago) to their end, their pause or the
 *   120-day horizon: 3 % cancelled by staff, 30 % in the last 90 days for a tenth of the
 *   programs; the sessions on 18 closure days carry the closure; attendance recorded for 92 %
 *   of the held ones, falling by up to 60 % over the last 120 days for a fifth of the programs
 *   and rising as much for another fifth.
 * - Visits (some planned in the next month), notes, tasks (mostly done; the open ones partly
 *   overdue; a tenth about no organization), feedback: youth ratings per held session (about a
 *   program, naming no organization) and partner/staff ratings per organization, each with its
 *   own mean and, for 30 %, a falling or rising last 90 days.
 * - Six weekly health snapshots (scores drifting) for every organization not ended.
 */
export const ORGANIZATIONS = 5_000;
export const PROGRAMS = 700;
export const STAFF = 28;
/** The priority-1 audience no active organization serves. */
export const UNCOVERED_AUDIENCE = 'Adults learning English';

const USERS_SQL = `
INSERT INTO users (email, name, role, timezone)
SELECT 'staff' || g || '@library.test', 'Staff Member ' || g, (CASE WHEN g <= 3 THEN 'manager' ELSE 'staff' END)::user_role, 'America/Chicago'
FROM generate_series(1, ${STAFF}) AS g`;

const AUDIENCES_SQL = `
INSERT INTO audiences (name, priority, estimated_population)
SELECT (ARRAY['Teens','${UNCOVERED_AUDIENCE}','Job seekers','Families with young children','Seniors','New immigrants',
              'Veterans','Students','Small business owners','Artists','Caregivers','Retirees'])[g],
       (ARRAY[1,1,1,1,2,2,2,2,3,3,3,3])[g], 350 * g
FROM generate_series(1, 12) AS g`;

const CAPABILITIES_SQL = `
INSERT INTO capabilities (name)
SELECT (ARRAY['Meeting space','Translation','Volunteers','Funding','Marketing','Transport','Childcare','Tech help',
              'Legal aid','Food','Tutoring','Mentoring','Job coaching','Health screening','Art supplies','Outreach',
              'Grant writing','Event staff','Printing','Youth workers'])[1 + (g - 1) % 20]
       || CASE WHEN g > 20 THEN ' (evenings)' ELSE '' END
FROM generate_series(1, 40) AS g`;

// Per-organization parameters, kept for the tables that follow (a temporary table of the
// seeding session). Run right after setseed(); INSERT … SELECT and CREATE TABLE AS never run
// the SELECT in parallel, so the random() sequence is the same on every run.
const organizationPlanSql = (organizations: number) => `
CREATE TEMP TABLE bench_org AS
WITH s AS MATERIALIZED (
  SELECT g, random() AS r_stage, random() AS r_quiet, random() AS r_quiet2, random() AS r_new, random() AS r_age,
         random() AS r_volume, random() AS r_fb, random() AS r_trend, random() AS r_score, random() AS r_drift
  FROM generate_series(1, ${organizations}) AS g
), staged AS (
  SELECT s.*, CASE WHEN r_stage < 0.20 THEN 'prospect' WHEN r_stage < 0.35 THEN 'exploring' WHEN r_stage < 0.75 THEN 'active'
                   WHEN r_stage < 0.85 THEN 'paused' ELSE 'ended' END AS stage
  FROM s
), dated AS (
  SELECT staged.*,
         now() - CASE WHEN r_new < 0.1 THEN 60 + r_age * 340 ELSE 760 + r_age * 260 END * interval '1 day' AS created_at,
         CASE stage
           WHEN 'ended' THEN 200 + r_quiet2 * 500
           WHEN 'paused' THEN 60 + r_quiet2 * 240
           WHEN 'prospect' THEN r_quiet2 * 120
           ELSE CASE WHEN r_quiet < 0.60 THEN r_quiet2 * 10 WHEN r_quiet < 0.85 THEN 10 + r_quiet2 * 50 ELSE 90 + r_quiet2 * 300 END
         END AS quiet_days
  FROM staged
)
SELECT gen_random_uuid() AS id, g, stage::organization_stage AS stage, created_at,
       greatest(created_at + interval '1 day', now() - quiet_days * interval '1 day') AS last_at,
       floor((CASE stage WHEN 'active' THEN 55 WHEN 'exploring' THEN 30 WHEN 'paused' THEN 30 WHEN 'prospect' THEN 3 ELSE 25 END) * (0.5 + r_volume))::int AS visits,
       floor((CASE stage WHEN 'active' THEN 26 WHEN 'exploring' THEN 16 WHEN 'paused' THEN 12 WHEN 'prospect' THEN 4 ELSE 10 END) * (0.5 + r_volume))::int AS notes,
       floor((CASE stage WHEN 'active' THEN 10 WHEN 'exploring' THEN 8 WHEN 'paused' THEN 6 WHEN 'prospect' THEN 3 ELSE 5 END) * (0.5 + r_volume))::int AS tasks,
       floor((CASE stage WHEN 'active' THEN 20 WHEN 'exploring' THEN 6 WHEN 'paused' THEN 12 WHEN 'prospect' THEN 0 ELSE 10 END) * (0.5 + r_volume))::int AS feedback,
       2.3 + r_fb * 2.6 AS fb_mean,
       CASE WHEN r_trend < 0.15 THEN -1.3 WHEN r_trend < 0.30 THEN 0.9 ELSE 0 END AS fb_trend,
       15 + r_score * 80 AS snapshot_score, (r_drift - 0.5) * 6 AS snapshot_drift
FROM dated`;

const ORGANIZATIONS_SQL = `
WITH a AS (SELECT array_agg(id ORDER BY name) AS ids FROM audiences WHERE name <> '${UNCOVERED_AUDIENCE}'),
     c AS (SELECT array_agg(id ORDER BY name) AS ids FROM capabilities),
     u AS (SELECT array_agg(id ORDER BY email) AS ids FROM users),
     s AS MATERIALIZED (
       SELECT b.*, random() AS r_owner, floor(random() * ${STAFF})::int AS u0,
              floor(random() * 11)::int AS a0, 1 + floor(random() * 3)::int AS an,
              floor(random() * 40)::int AS c0, floor(random() * 4)::int AS cn,
              floor(random() * 40)::int AS k0, floor(random() * 3)::int AS kn,
              random() AS r_fit, 1 + floor(random() * 5)::int AS f1, 1 + floor(random() * 5)::int AS f2, 1 + floor(random() * 5)::int AS f3
       FROM bench_org b)
INSERT INTO organizations (id, name, type, website, email, mission, stage, owner_id, audience_ids, capability_ids, seeks_capability_ids,
                           fit_audience_reach, fit_mission_overlap, fit_complementary_resources, created_at, updated_at)
SELECT s.id,
       (ARRAY['Harbor','Riverside','Familias Unidas','Northside','Maple Street','Comunidad Latina','Oak Hill','Lakeview',
              'Southgate','Cedar Park','Eastbrook','Hillcrest'])[1 + g % 12]
         || ' ' || (ARRAY['Youth Center','Food Bank','Literacy Council','Health Clinic','Arts Collective','Senior Center',
                          'Refugee Services','Tenants Union','Makerspace','Community College'])[1 + (g / 12) % 10] || ' ' || g,
       (ARRAY['Nonprofit','Government agency','School','Faith community','Business','Foundation'])[1 + g % 6],
       'https://org' || g || '.example.org', 'info@org' || g || '.example.org',
       (ARRAY['After-school programs and tutoring.','Free legal clinics and tenant workshops.','Meals, groceries and nutrition classes.',
              'Arts education for teens.','Job readiness coaching.','Health screenings and patient navigation.',
              'Citizenship classes for newly arrived families.'])[1 + (g / 3) % 7],
       s.stage,
       CASE WHEN r_owner < 0.85 THEN u.ids[1 + u0] END,
       -- Steps coprime to the vocabulary sizes (11, 40), so the picked ids are distinct.
       (ARRAY[a.ids[1 + a0], a.ids[1 + (a0 + 4) % 11], a.ids[1 + (a0 + 8) % 11]])[1:an],
       (ARRAY[c.ids[1 + c0], c.ids[1 + (c0 + 7) % 40], c.ids[1 + (c0 + 14) % 40]])[1:cn],
       (ARRAY[c.ids[1 + k0], c.ids[1 + (k0 + 11) % 40]])[1:kn],
       CASE WHEN r_fit < 0.25 THEN 0 ELSE f1 END, CASE WHEN r_fit < 0.25 THEN 0 ELSE f2 END, CASE WHEN r_fit < 0.25 THEN 0 ELSE f3 END,
       s.created_at, s.last_at
FROM s, a, c, u`;

/** A few prospects (never active) serve the uncovered audience: it exists, but no active partner covers it. */
const UNCOVERED_SQL = `
UPDATE organizations SET audience_ids = audience_ids || (SELECT id FROM audiences WHERE name = '${UNCOVERED_AUDIENCE}')
WHERE id IN (SELECT id FROM bench_org WHERE stage = 'prospect' ORDER BY g LIMIT 40)`;

const CLOSURES_SQL = `
INSERT INTO closures (date, name)
SELECT d, 'Library closed ' || to_char(d, 'YYYY-MM-DD')
FROM (SELECT current_date - 730 + g * 45 AS d FROM generate_series(1, 16) AS g
      UNION SELECT current_date + 5 UNION SELECT current_date + 40) AS days(d)`;

// Per-program parameters; the program rows and their sessions are made from them.
const programPlanSql = (programs: number) => `
CREATE TEMP TABLE bench_prog AS
WITH s AS MATERIALIZED (
  SELECT g, random() AS r_status, random() AS r_kind, random() AS r_start, random() AS r_len, floor(random() * 5)::int AS d,
         floor(random() * 4)::int AS z, floor(random() * 5)::int AS t, floor(random() * 3)::int AS du, floor(random() * 12)::int AS a0,
         random() AS r_trend, random() AS r_trouble, 8 + floor(random() * 22)::int AS base, 2.6 + random() * 2.3 AS fb_mean, random() AS r_fb,
         floor(random() * ${STAFF})::int AS u0
  FROM generate_series(1, ${programs}) AS g
), planned AS (
  SELECT s.*,
         CASE WHEN r_status < 0.60 THEN 'running' WHEN r_status < 0.82 THEN 'completed' WHEN r_status < 0.92 THEN 'paused' ELSE 'planned' END AS status,
         CASE WHEN r_kind < 0.35 THEN 'weekly' WHEN r_kind < 0.75 THEN 'twice weekly' WHEN r_kind < 0.90 THEN 'every other week' ELSE 'monthly' END AS kind
  FROM s
), dated AS (
  SELECT planned.*,
         CASE status WHEN 'running' THEN current_date - (380 + floor(r_start * 350))::int
                     WHEN 'completed' THEN current_date - (430 + floor(r_start * 300))::int
                     WHEN 'paused' THEN current_date - (300 + floor(r_start * 400))::int
                     ELSE current_date + (3 + floor(r_start * 40))::int END AS start_date
  FROM planned
)
SELECT gen_random_uuid() AS id, g, status::program_status AS status, kind,
       'Program ' || g || ' ' || (ARRAY['Homework Help','Story Time','Job Club','ESL Conversation','Maker Lab','Tech Help','Teen Advisory'])[1 + g % 7] AS name,
       CASE kind
         WHEN 'weekly' THEN 'FREQ=WEEKLY;BYDAY=' || (ARRAY['MO','TU','WE','TH','FR'])[1 + d]
         WHEN 'twice weekly' THEN 'FREQ=WEEKLY;BYDAY=' || (ARRAY['MO,WE','TU,TH','WE,FR','MO,TH','TU,FR'])[1 + d]
         WHEN 'every other week' THEN 'FREQ=WEEKLY;INTERVAL=2;BYDAY=' || (ARRAY['MO','TU','WE','TH','FR'])[1 + d]
         ELSE 'FREQ=MONTHLY;BYDAY=1SA' END AS rrule,
       -- ISO weekdays of the rule (1 Monday … 7 Sunday) and the days between two of the same weekday.
       CASE kind WHEN 'twice weekly' THEN (ARRAY[ARRAY[1,3],ARRAY[2,4],ARRAY[3,5],ARRAY[1,4],ARRAY[2,5]])[1 + d:1 + d][1:2]
                 WHEN 'monthly' THEN ARRAY[6] ELSE ARRAY[1 + d] END AS dows,
       CASE kind WHEN 'every other week' THEN 14 ELSE 7 END AS step,
       (ARRAY['America/Chicago','America/New_York','America/Los_Angeles','America/Denver'])[1 + z] AS timezone,
       (ARRAY['10:00','13:00','15:30','16:00','18:00'])[1 + t] AS start_time,
       (ARRAY[60,90,120])[1 + du] AS duration_minutes,
       start_date,
       CASE WHEN status = 'completed' THEN least(start_date + 90 + floor(r_len * 240)::int, current_date - 10) END AS end_date,
       -- The last day with sessions: the end, the pause, or the 120-day horizon.
       CASE status WHEN 'completed' THEN least(start_date + 90 + floor(r_len * 240)::int, current_date - 10)
                   WHEN 'paused' THEN current_date - (30 + floor(r_len * 150))::int
                   ELSE current_date + 120 END AS until_date,
       a0, base, u0,
       CASE WHEN r_trend < 0.2 THEN -0.6 WHEN r_trend < 0.4 THEN 0.6 ELSE 0 END AS slope,
       r_trouble < 0.1 AS troubled,
       fb_mean,
       CASE WHEN r_fb < 0.15 THEN -1.3 WHEN r_fb < 0.30 THEN 0.9 ELSE 0 END AS fb_trend
FROM dated`;

const PROGRAMS_SQL = `
WITH a AS (SELECT array_agg(id ORDER BY name) AS ids FROM audiences),
     u AS (SELECT array_agg(id ORDER BY email) AS ids FROM users)
INSERT INTO programs (id, name, status, language, audience_ids, rrule, timezone, start_time, duration_minutes, start_date, end_date,
                      materialized_until, created_by_id, created_at, updated_at)
SELECT p.id, p.name, p.status, 'en', ARRAY[a.ids[1 + p.a0]], p.rrule, p.timezone, p.start_time, p.duration_minutes, p.start_date, p.end_date,
       (p.until_date + 1)::timestamp AT TIME ZONE p.timezone, u.ids[1 + p.u0],
       least(now(), p.start_date - 14), least(now(), p.start_date - 14)
FROM bench_prog p, a, u`;

// 1–3 partners per program among the active and paused organizations, spread so that most
// partner in one program and some in two.
const PARTNERS_SQL = `
WITH pool AS (SELECT array_agg(id ORDER BY g) AS ids, count(*)::int AS size FROM bench_org WHERE stage IN ('active', 'paused')),
     p AS (SELECT id, g, 1 + floor(random() * 3)::int AS k FROM bench_prog)
INSERT INTO program_partners (program_id, organization_id, role)
SELECT p.id, pool.ids[1 + (p.g * 3 + (j - 1) * 997) % pool.size], (ARRAY['host','co-facilitator','referral'])[j]::program_partner_role
FROM p, pool, generate_series(1, 3) AS j
WHERE j <= p.k`;

const SESSIONS_SQL = `
WITH dates AS (
  SELECT bp.id AS program_id, ld::date AS local_date
  FROM bench_prog bp
  CROSS JOIN LATERAL unnest(bp.dows) AS w(dow)
  CROSS JOIN LATERAL generate_series((bp.start_date + (w.dow - extract(isodow FROM bp.start_date)::int + 7) % 7)::timestamp,
                                     bp.until_date::timestamp, make_interval(days => bp.step)) AS ld
  WHERE bp.kind <> 'monthly'
  UNION ALL
  SELECT bp.id, f.first_saturday
  FROM bench_prog bp
  CROSS JOIN LATERAL generate_series(date_trunc('month', bp.start_date)::timestamp, bp.until_date::timestamp, interval '1 month') AS m
  CROSS JOIN LATERAL (SELECT m::date + (6 - extract(isodow FROM m)::int + 7) % 7 AS first_saturday) AS f
  WHERE bp.kind = 'monthly' AND f.first_saturday BETWEEN bp.start_date AND bp.until_date
), timed AS (
  SELECT d.program_id, d.local_date, bp.base, bp.slope, bp.troubled, bp.duration_minutes,
         (d.local_date + bp.start_time::time) AT TIME ZONE bp.timezone AS starts_at, c.id AS closure_id
  FROM dates d JOIN bench_prog bp ON bp.id = d.program_id LEFT JOIN closures c ON c.date = d.local_date
), flagged AS (
  SELECT t.*, t.closure_id IS NULL AND random() < CASE WHEN t.troubled AND t.local_date > current_date - 90 THEN 0.30 ELSE 0.03 END AS cancelled
  FROM timed t
)
INSERT INTO program_sessions (program_id, starts_at, ends_at, local_date, cancelled, closure_id, attendance, created_at, updated_at)
SELECT program_id, starts_at, starts_at + make_interval(mins => duration_minutes), local_date, cancelled, closure_id,
       CASE WHEN starts_at <= now() AND NOT cancelled AND closure_id IS NULL AND random() < 0.92
            THEN greatest(0, round(base * (1 + slope * greatest(0, least(1, (local_date - (current_date - 120)) / 120.0))) * (0.85 + random() * 0.3)))::int
       END,
       least(now(), starts_at - interval '30 days'), least(now(), starts_at)
FROM flagged`;

const VISITS_SQL = `
WITH u AS (SELECT array_agg(id ORDER BY email) AS ids FROM users),
     v AS MATERIALIZED (
       SELECT b.id AS organization_id, n,
              CASE WHEN n = 1 THEN b.last_at
                   WHEN b.stage IN ('active', 'exploring') AND random() < 0.03 THEN now() + random() * interval '30 days'
                   ELSE b.last_at - random() * (b.last_at - b.created_at) END AS visited_at,
              (ARRAY['relationship','invitations','program-delivery','planning','other'])[1 + floor(random() * 5)::int]::visit_purpose AS purpose,
              floor(random() * 40)::int AS invitations, floor(random() * 120)::int AS reached, floor(random() * ${STAFF})::int AS u0
       FROM bench_org b CROSS JOIN LATERAL generate_series(1, b.visits) AS n)
INSERT INTO visits (organization_id, visited_at, purpose, invitations_handed_out, people_reached, location, created_by_id, created_at, updated_at)
SELECT v.organization_id, v.visited_at, v.purpose, v.invitations, v.reached, 'Branch ' || (1 + v.n % 9), u.ids[1 + v.u0],
       least(now(), v.visited_at), least(now(), v.visited_at)
FROM v, u`;

const NOTES_SQL = `
WITH u AS (SELECT array_agg(id ORDER BY email) AS ids FROM users),
     n AS MATERIALIZED (
       SELECT b.id, n, b.last_at - random() * (b.last_at - b.created_at) AS at, floor(random() * ${STAFF})::int AS u0
       FROM bench_org b CROSS JOIN LATERAL generate_series(1, b.notes) AS n)
INSERT INTO notes (organization_id, body, author_id, created_at, updated_at)
SELECT n.id,
       (ARRAY['Talked about the fall schedule.','They want a bilingual story time.','Board meeting next month; follow up after.',
              'Asked about meeting rooms for evening classes.','Good fit for the digital literacy series.','Sent them the flyer.'])[1 + n.n % 6],
       u.ids[1 + n.u0], n.at, n.at
FROM n, u`;

const TASKS_SQL = `
WITH u AS (SELECT array_agg(id ORDER BY email) AS ids FROM users),
     t AS MATERIALIZED (
       SELECT b.id, n, b.created_at + interval '14 days' + random() * (now() + interval '30 days' - b.created_at) AS due_at,
              floor(random() * ${STAFF})::int AS u0, random() AS r_org, random() AS r_status, random() AS r_done
       FROM bench_org b CROSS JOIN LATERAL generate_series(1, b.tasks) AS n),
     s AS (
       SELECT t.*, CASE WHEN due_at > now() THEN CASE WHEN r_status < 0.95 THEN 'open' ELSE 'done' END
                        WHEN due_at > now() - interval '14 days' THEN CASE WHEN r_status < 0.5 THEN 'open' ELSE 'done' END
                        ELSE CASE WHEN r_status < 0.06 THEN 'open' ELSE 'done' END END AS status
       FROM t)
INSERT INTO tasks (title, due_at, assignee_id, organization_id, status, completed_at, created_by_id, created_at, updated_at)
SELECT (ARRAY['Call back','Send the schedule','Book the room','Share the sign-up sheet','Ask for feedback','Confirm the dates'])[1 + s.n % 6],
       s.due_at, u.ids[1 + s.u0], CASE WHEN s.r_org < 0.1 THEN NULL ELSE s.id END, s.status::task_status,
       CASE WHEN s.status = 'done' THEN least(now(), s.due_at + r_done * interval '5 days') END,
       u.ids[1 + s.u0], s.due_at - interval '14 days', s.due_at - interval '14 days'
FROM s, u`;

// Youth feedback from the public link: about a held session of a program, naming no organization.
// 0–3 per held session (the count drawn per session in a materialized CTE: a random() in a
// function's arguments with no reference to the row would be drawn once for all rows).
const YOUTH_FEEDBACK_SQL = `
WITH held AS MATERIALIZED (
  SELECT s.id, s.program_id, s.starts_at, s.ends_at, floor(random() * 3.5)::int AS k
  FROM program_sessions s
  WHERE s.starts_at <= now() AND NOT s.cancelled AND s.closure_id IS NULL
), f AS MATERIALIZED (
  SELECT h.*, bp.fb_mean, bp.fb_trend, random() + random() + random() - 1.5 AS noise, random() AS r_text,
         least(now(), h.ends_at + random() * interval '2 days') AS at
  FROM held h JOIN bench_prog bp ON bp.id = h.program_id CROSS JOIN LATERAL generate_series(1, h.k) AS n
)
INSERT INTO feedback (source, program_id, session_id, rating, worked, created_at, updated_at)
SELECT 'youth', program_id, id,
       greatest(1, least(5, round(fb_mean + CASE WHEN starts_at > now() - interval '90 days' THEN fb_trend ELSE 0 END + noise)))::smallint,
       CASE WHEN r_text < 0.2 THEN 'The activities were fun.' END, at, at
FROM f`;

// Partner and staff feedback naming the organization.
const PARTNER_FEEDBACK_SQL = `
WITH f AS MATERIALIZED (
  SELECT b.id, b.fb_mean, b.fb_trend, b.last_at - random() * (b.last_at - b.created_at) AS at,
         random() AS r_source, random() + random() + random() - 1.5 AS noise, random() AS r_worked, random() AS r_didnt
  FROM bench_org b CROSS JOIN LATERAL generate_series(1, b.feedback) AS n
)
INSERT INTO feedback (source, organization_id, rating, worked, didnt_work, created_at, updated_at)
SELECT (CASE WHEN r_source < 0.8 THEN 'partner' ELSE 'staff' END)::feedback_source, id,
       greatest(1, least(5, round(fb_mean + CASE WHEN at > now() - interval '90 days' THEN fb_trend ELSE 0 END + noise)))::smallint,
       CASE WHEN r_worked < 0.3 THEN 'Good turnout and clear communication.' END,
       CASE WHEN r_didnt < 0.2 THEN 'Room was too small.' END,
       at, at
FROM f`;

// Six weekly runs of the snapshot job (00:00 UTC, the last one 2 days ago), scores drifting.
const SNAPSHOTS_SQL = `
WITH x AS MATERIALIZED (
  SELECT b.id, b.created_at, (date_trunc('day', now() AT TIME ZONE 'UTC') - make_interval(days => 7 * w + 2)) AT TIME ZONE 'UTC' AS taken_at,
         greatest(0, least(100, round(b.snapshot_score - b.snapshot_drift * w + (random() - 0.5) * 4)))::smallint AS score
  FROM bench_org b CROSS JOIN generate_series(0, 5) AS w
  WHERE b.stage <> 'ended'
)
INSERT INTO health_snapshots (organization_id, taken_at, score, band)
SELECT id, taken_at, score, CASE WHEN score >= 75 THEN 'thriving' WHEN score >= 50 THEN 'steady' WHEN score >= 25 THEN 'at-risk' ELSE 'dormant' END
FROM x
WHERE taken_at > created_at`;

/** The tables the seed writes, in the order the counts are printed. */
export const SEEDED_TABLES = [
  'users',
  'audiences',
  'capabilities',
  'organizations',
  'closures',
  'programs',
  'program_partners',
  'program_sessions',
  'visits',
  'notes',
  'tasks',
  'feedback',
  'health_snapshots',
] as const;

export interface SeedResult {
  counts: Record<(typeof SEEDED_TABLES)[number], number>;
  total: number;
}

type Step = <T>(label: string, work: () => Promise<T>) => Promise<T>;

/** How many organizations and programs to seed; the rest follows from them. The dashboard bench's are the defaults. */
export interface SeedSize {
  organizations: number;
  programs: number;
}

/**
 * Seeds the migrated bench database; `step` prints one progress line per piece. `size` scales the
 * directory (the reports bench seeds a smaller one too); everything per organization and program
 * is drawn as at the full size.
 */
export async function seed(
  client: Client,
  step: Step,
  size: SeedSize = { organizations: ORGANIZATIONS, programs: PROGRAMS },
): Promise<SeedResult> {
  const run = (sql: string) => client.query(sql).then((result) => result.rowCount ?? 0);
  await client.query('SELECT setseed(0.42)');
  await step(`${STAFF} staff, 12 audiences, 40 capabilities`, async () => {
    await run(USERS_SQL);
    await run(AUDIENCES_SQL);
    await run(CAPABILITIES_SQL);
  });
  await step(`${size.organizations.toLocaleString('en-US')} organizations`, async () => {
    await run(organizationPlanSql(size.organizations));
    await run(ORGANIZATIONS_SQL);
    await run(UNCOVERED_SQL);
  });
  await step(`${size.programs.toLocaleString('en-US')} programs with partners, 18 closure days`, async () => {
    await run(CLOSURES_SQL);
    await run(programPlanSql(size.programs));
    await run(PROGRAMS_SQL);
    await run(PARTNERS_SQL);
  });
  await step('program sessions (two years, to the 120-day horizon)', () => run(SESSIONS_SQL));
  await step('visits', () => run(VISITS_SQL));
  await step('notes', () => run(NOTES_SQL));
  await step('tasks', () => run(TASKS_SQL));
  await step(
    'feedback (youth per session, partner and staff per organization)',
    async () => (await run(YOUTH_FEEDBACK_SQL)) + (await run(PARTNER_FEEDBACK_SQL)),
  );
  await step('health snapshots (six weeks)', () => run(SNAPSHOTS_SQL));
  // VACUUM, not only ANALYZE: it sets the visibility map, so autovacuum does not start in the
  // middle of the measurements and index-only scans are possible.
  await step('VACUUM (ANALYZE)', async () => {
    for (const table of SEEDED_TABLES) await client.query(`VACUUM (ANALYZE) ${table}`);
  });
  const { rows } = await client.query<Record<string, number>>(
    `SELECT ${SEEDED_TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`,
  );
  const counts = rows[0] as SeedResult['counts'];
  return { counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
}
