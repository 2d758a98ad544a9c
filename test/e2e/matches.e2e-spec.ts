import request from 'supertest';
import { MatchDecisions1796606213517 } from '../../migrations/1796606213517-MatchDecisions';
import { Role } from '../../src/auth/role.enum';
import { matchId } from '../../src/matching/matching.rules';
import { MatchingService } from '../../src/matching/matching.service';
import { RankingThread } from '../../src/matching/ranking-thread.service';
import { ThreadClient, ThreadGoneError } from '../../src/matching/thread-client';
import { OrganizationStage } from '../../src/organization/organization-stage';
import { Organization } from '../../src/organization/organization.entity';
import { Program, ProgramStatus } from '../../src/program/program.entity';
import { persistAudience, persistCapability, persistOrganization } from '../factories/directory.factory';
import { persistProgram } from '../factories/program.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

interface MatchBody {
  id: string;
  providerId: string;
  seekerId: string;
  capabilityId: string;
  audienceIds: string[];
  kind: string | null;
  strength: number;
  explanation: string;
  status: string;
  decidedAt: string | null;
  decidedById: string | null;
  taskId: string | null;
  note: string | null;
}

/** Rows and a digest of the tables a dismissal writes. */
async function matchingTables(t: TestApp): Promise<Record<string, unknown>> {
  const [row] = await t.dataSource.query(`
    SELECT (SELECT count(*)::int FROM match_decisions) AS dismissals,
           (SELECT count(*)::int FROM audit_events) AS audit,
           (SELECT count(*)::int FROM tasks) AS tasks,
           (SELECT md5(coalesce(string_agg(d::text, ',' ORDER BY d.id), '')) FROM match_decisions d) AS digest`);
  return row;
}

describe(`${MatchingService.name} (e2e)`, () => {
  let t: TestApp;
  let staff: SignedIn;
  let viewer: SignedIn;
  /** Alder offers coaching to teens; Birch (a shelter) seeks it; Cedar offers space to teens; Elm (a prospect) seeks coaching; Dogwood ended. */
  let alder: Organization;
  let birch: Organization;
  let cedar: Organization;
  let dogwood: Organization;
  let elm: Organization;
  let coachingId: string;
  let spaceId: string;
  let teensId: string;

  const fullFit = { fitAudienceReach: 5, fitMissionOverlap: 5, fitComplementaryResources: 5 };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);
    const teens = await persistAudience(t.dataSource, {
      name: 'Low-income teens',
      priority: 1,
      estimatedPopulation: 5200,
    });
    teensId = teens.id;
    coachingId = (await persistCapability(t.dataSource, { name: 'College application coaching' })).id;
    spaceId = (await persistCapability(t.dataSource, { name: 'Meeting space' })).id;
    const { Active, Ended, Prospect } = OrganizationStage;
    alder = await persistOrganization(t.dataSource, {
      name: 'Alder College Access',
      stage: Active,
      capabilityIds: [coachingId],
      audienceIds: [teensId],
      ...fullFit,
    });
    birch = await persistOrganization(t.dataSource, {
      name: 'Birch Youth Shelter',
      stage: Active,
      seeksCapabilityIds: [coachingId],
      audienceIds: [teensId],
      ...fullFit,
    });
    cedar = await persistOrganization(t.dataSource, {
      name: 'Cedar Internship Office',
      stage: Active,
      capabilityIds: [spaceId],
      audienceIds: [teensId],
    });
    dogwood = await persistOrganization(t.dataSource, {
      name: 'Dogwood Coding Club',
      stage: Ended,
      capabilityIds: [spaceId, coachingId],
      seeksCapabilityIds: [coachingId, spaceId],
      audienceIds: [teensId],
      ...fullFit,
    });
    elm = await persistOrganization(t.dataSource, {
      name: 'Elm Family Center',
      stage: Prospect,
      seeksCapabilityIds: [coachingId],
    });
    // Every suggestion, as before the strength floor and the per-partner cap (tested in their own describe).
    await t.dataSource.query(
      `INSERT INTO settings (key, value, version) VALUES ('matching', '{"minStrength": 0, "maxPerPartner": 100}', 2)`,
    );
  });

  async function list(
    query = '',
    auth = staff.auth,
  ): Promise<{ data: MatchBody[]; meta: { total: number; limit: number; offset: number } }> {
    return (await request(t.http).get(`/api/v1/matches${query}`).set(auth).expect(200)).body;
  }

  const names = () => new Map([alder, birch, cedar, dogwood, elm].map((o) => [o.id, o.name.split(' ')[0]]));
  async function pairs(query = ''): Promise<string[]> {
    const byId = names();
    return (await list(query)).data.map((m) => `${byId.get(m.providerId)} → ${byId.get(m.seekerId)} ${m.strength}`);
  }

  describe('list', () => {
    it('suggests introductions strongest first, each explaining itself', async () => {
      const body = await list();
      // Alder → Birch: sought 40 + teens (10 + 4) + both active 20 + fit 10 = 84.
      expect(body.data[0]).toEqual({
        id: matchId(alder.id, birch.id),
        providerId: alder.id,
        seekerId: birch.id,
        capabilityId: coachingId,
        audienceIds: [teensId],
        kind: 'sought',
        strength: 84,
        explanation:
          'Alder College Access offers College application coaching, which Birch Youth Shelter is looking for; it serves Low-income teens (priority 1).',
        status: 'open',
        decidedAt: null,
        decidedById: null,
        taskId: null,
        note: null,
      });
      expect(body.meta).toEqual({ total: 5, limit: 25, offset: 0 });
      // Alder → Elm: 40 + 0 + (10 + 2) + 10 · 15 / 30 = 57. The audience fits: 15 + 14 + 20 + 5 = 54 each,
      // ordered by provider, then seeker name. Birch offers nothing; Dogwood ended.
      expect(await pairs()).toEqual([
        'Alder → Birch 84',
        'Alder → Elm 57',
        'Alder → Cedar 54',
        'Cedar → Alder 54',
        'Cedar → Birch 54',
      ]);
      expect(body.data.find((m) => m.providerId === cedar.id && m.seekerId === alder.id)).toMatchObject({
        kind: 'audience-fit',
        capabilityId: spaceId,
        explanation:
          'Cedar Internship Office offers Meeting space, which Alder College Access does not offer; both serve Low-income teens (priority 1).',
      });
    });

    it('gives the same ids on every request', async () => {
      const first = (await list()).data.map((m) => m.id);
      const second = (await list()).data.map((m) => m.id);
      expect(second).toEqual(first);
      expect(new Set(first).size).toBe(first.length);
    });

    it('leaves out pairs partnered in a running program, and only while it runs', async () => {
      const program = await persistProgram(t.dataSource, { status: ProgramStatus.Running }, [
        { organizationId: alder.id },
        { organizationId: birch.id },
      ]);
      // A planned program together is no partnership yet.
      await persistProgram(t.dataSource, { status: ProgramStatus.Planned }, [
        { organizationId: alder.id },
        { organizationId: elm.id },
      ]);
      expect(await pairs()).toEqual(['Alder → Elm 57', 'Alder → Cedar 54', 'Cedar → Alder 54', 'Cedar → Birch 54']);
      await t.dataSource.getRepository(Program).update(program.id, { status: ProgramStatus.Completed });
      expect((await pairs())[0]).toBe('Alder → Birch 84');
    });

    it('leaves out organizations that ended, and takes them back when they return', async () => {
      const repo = t.dataSource.getRepository(Organization);
      const involving = async (id: string) =>
        (await list()).data.filter((m) => m.providerId === id || m.seekerId === id);
      expect(await involving(dogwood.id)).toEqual([]);
      await repo.update(birch.id, { stage: OrganizationStage.Ended });
      expect(await involving(birch.id)).toEqual([]);
      await repo.update(dogwood.id, { stage: OrganizationStage.Exploring });
      expect((await involving(dogwood.id)).length).toBeGreaterThan(0);
    });

    it('filters by organization (either side) and by capability, which then leads', async () => {
      expect(await pairs(`?organizationId=${birch.id}`)).toEqual(['Alder → Birch 84', 'Cedar → Birch 54']);
      expect(await pairs(`?capabilityId=${spaceId}`)).toEqual(['Cedar → Alder 54', 'Cedar → Birch 54']);
      const coaching = await list(`?capabilityId=${coachingId}`);
      expect(coaching.data.map((m) => m.capabilityId)).toEqual([coachingId, coachingId, coachingId]);
      expect(coaching.meta.total).toBe(3);
      // Unknown ids filter everything out.
      expect((await list(`?organizationId=${viewer.user.id}`)).data).toEqual([]);
    });

    it('leads with the capability most organizations look for, counting each organization that has not ended once', async () => {
      const { Active, Ended, Prospect } = OrganizationStage;
      const fir = await persistOrganization(t.dataSource, {
        name: 'Fir Library Friends',
        stage: Active,
        capabilityIds: [spaceId, coachingId],
      });
      const gum = await persistOrganization(t.dataSource, {
        name: 'Gum Tree Tutors',
        stage: Active,
        seeksCapabilityIds: [spaceId, coachingId],
      });
      // Coaching is looked for by Birch, Elm and Gum (3). Space by Gum and Hazel (2): Hazel's repeats and
      // the ended organizations (Dogwood, Ivy, Juniper) do not count, or space (4 or 5) would lead.
      await persistOrganization(t.dataSource, {
        name: 'Hazel Reading Circle',
        stage: Prospect,
        seeksCapabilityIds: [spaceId, spaceId, spaceId],
      });
      for (const name of ['Ivy Arts Council', 'Juniper Seniors Club']) {
        await persistOrganization(t.dataSource, { name, stage: Ended, seeksCapabilityIds: [spaceId] });
      }
      const suggestion = (await list(`?organizationId=${gum.id}`)).data.find((m) => m.providerId === fir.id)!;
      expect(suggestion).toMatchObject({ seekerId: gum.id, kind: 'sought', capabilityId: coachingId });
      expect(suggestion.explanation).toBe(
        'Fir Library Friends offers College application coaching and Meeting space, which Gum Tree Tutors is looking for.',
      );
      // Filtering on space makes it lead, with the same strength.
      const filtered = (await list(`?organizationId=${gum.id}&capabilityId=${spaceId}`)).data.find(
        (m) => m.providerId === fir.id,
      );
      expect(filtered).toEqual({
        ...suggestion,
        capabilityId: spaceId,
        explanation: expect.stringMatching(
          /^Fir Library Friends offers Meeting space and College application coaching, /,
        ),
      });
    });

    it('pages with limit and offset, counting them all', async () => {
      const all = (await list()).data;
      const page = await list('?limit=2&offset=1');
      expect(page.meta).toEqual({ total: 5, limit: 2, offset: 1 });
      expect(page.data).toEqual(all.slice(1, 3));
      expect((await list('?offset=10')).data).toEqual([]);
    });

    it('answers bad query parameters with 400 problem details', async () => {
      for (const query of [
        'limit=0',
        'limit=101',
        'offset=-1',
        'organizationId=abc',
        'capabilityId=1',
        'sort=strength',
        'status=closed',
        'status=',
        'all=yes',
      ]) {
        const response = await request(t.http).get(`/api/v1/matches?${query}`).set(staff.auth).expect(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('is for staff and up: a viewer gets 403, a manager the list', async () => {
      const response = await request(t.http).get('/api/v1/matches').set(viewer.auth).expect(403);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      const manager = await signedInAs(t, Role.Manager);
      expect((await list('', manager.auth)).meta.total).toBe(5);
    });
  });

  describe('dismiss', () => {
    const dismiss = (id: string, auth = staff.auth) => request(t.http).post(`/api/v1/matches/${id}/dismiss`).set(auth);

    it('hides the suggestion on the next request and every one after, recording who and when', async () => {
      const id = matchId(alder.id, birch.id);
      const response = await dismiss(id).expect(204);
      expect(response.body).toEqual({});
      expect((await list()).data.map((m) => m.id)).not.toContain(id);
      expect((await list()).meta.total).toBe(4);
      expect(await pairs(`?organizationId=${birch.id}`)).toEqual(['Cedar → Birch 54']);
      const [row] = await t.dataSource.query(
        `SELECT provider_id, seeker_id, status, decided_by_id, decided_at, strength FROM match_decisions WHERE id = $1`,
        [id],
      );
      expect(row).toMatchObject({
        provider_id: alder.id,
        seeker_id: birch.id,
        status: 'dismissed',
        decided_by_id: staff.user.id,
        strength: 84,
      });
      expect(Math.abs(new Date(row.decided_at).getTime() - Date.now())).toBeLessThan(60_000);
      const audit = await t.dataSource.query(
        `SELECT actor_id, action, changes FROM audit_events WHERE entity_type = 'match-dismissal' AND entity_id = $1`,
        [id],
      );
      expect(audit).toEqual([
        {
          actor_id: staff.user.id,
          action: 'create',
          changes: expect.objectContaining({
            providerId: { before: null, after: alder.id },
            capabilityId: { before: null, after: coachingId },
          }),
        },
      ]);
    });

    it('keeps it hidden even when its reason grows stronger, and hides only that direction', async () => {
      await dismiss(matchId(cedar.id, alder.id)).expect(204);
      await t.dataSource.getRepository(Organization).update(alder.id, { seeksCapabilityIds: [spaceId] });
      const byId = (await list()).data.map((m) => m.id);
      expect(byId).not.toContain(matchId(cedar.id, alder.id));
      expect(byId).toContain(matchId(alder.id, cedar.id));
    });

    it('answers 204 to a second dismissal and records it once', async () => {
      const id = matchId(alder.id, elm.id);
      await dismiss(id).expect(204);
      const after = await matchingTables(t);
      await dismiss(id).expect(204);
      const manager = await signedInAs(t, Role.Manager);
      await dismiss(id, manager.auth).expect(204);
      expect(await matchingTables(t)).toEqual(after);
      expect(after).toMatchObject({ dismissals: 1, audit: 1 });
    });

    it('records one dismissal when several arrive at once', async () => {
      const id = matchId(cedar.id, birch.id);
      const responses = await Promise.all([dismiss(id), dismiss(id), dismiss(id)]);
      expect(responses.map((r) => r.status)).toEqual([204, 204, 204]);
      expect(await matchingTables(t)).toMatchObject({ dismissals: 1, audit: 1 });
    });

    it('answers 404 for an id that is no current suggestion, malformed or not, and changes nothing', async () => {
      const before = await matchingTables(t);
      // Well-formed but no suggestion: a random uuid, a pair with nothing to suggest, an ended organization's pair.
      for (const id of [
        '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f',
        matchId(birch.id, alder.id),
        matchId(alder.id, dogwood.id),
      ]) {
        const response = await dismiss(id).expect(404);
        expect(response.body).toMatchObject({ status: 404, code: 'MATCH_NOT_FOUND' });
      }
      // Malformed ids cannot name a suggestion: 404 like every other :id route, never a 500.
      for (const id of ['not-a-uuid', '123', `${matchId(alder.id, birch.id)}x`]) {
        const response = await dismiss(id).expect(404);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      expect(await matchingTables(t)).toEqual(before);
    });

    it('is for staff and up: a viewer gets 403 and changes nothing', async () => {
      const before = await matchingTables(t);
      const response = await dismiss(matchId(alder.id, birch.id), viewer.auth).expect(403);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      await request(t.http)
        .post(`/api/v1/matches/${matchId(alder.id, birch.id)}/dismiss`)
        .expect(401);
      expect(await matchingTables(t)).toEqual(before);
      expect((await list()).meta.total).toBe(5);
    });

    it('goes with the organization when it is deleted', async () => {
      await dismiss(matchId(alder.id, birch.id)).expect(204);
      const manager = await signedInAs(t, Role.Manager);
      await request(t.http).delete(`/api/v1/organizations/${birch.id}`).set(manager.auth).expect(204);
      expect(await matchingTables(t)).toMatchObject({ dismissals: 0 });
    });
  });

  describe('restore', () => {
    const dismiss = (id: string, auth = staff.auth) => request(t.http).post(`/api/v1/matches/${id}/dismiss`).set(auth);
    const restore = (id: string, auth = staff.auth) => request(t.http).post(`/api/v1/matches/${id}/restore`).set(auth);

    it('undoes a dismissal: the suggestion is listed again, and the undoing is audited', async () => {
      const id = matchId(alder.id, birch.id);
      await dismiss(id).expect(204);
      expect((await list()).data.map((m) => m.id)).not.toContain(id);
      const response = await restore(id).expect(204);
      expect(response.body).toEqual({});
      expect((await list()).data.map((m) => m.id)).toContain(id);
      expect((await list()).meta.total).toBe(5);
      expect(await matchingTables(t)).toMatchObject({ dismissals: 0 });
      const audit = await t.dataSource.query(
        `SELECT actor_id, action, changes FROM audit_events WHERE entity_type = 'match-dismissal' AND entity_id = $1 ORDER BY occurred_at`,
        [id],
      );
      expect(audit.map((row: { action: string }) => row.action)).toEqual(['create', 'delete']);
      expect(audit[1]).toMatchObject({
        actor_id: staff.user.id,
        changes: {
          providerId: { before: alder.id, after: null },
          seekerId: { before: birch.id, after: null },
          dismissedById: { before: staff.user.id, after: null },
        },
      });
      // It can be dismissed again afterwards.
      await dismiss(id).expect(204);
      expect((await list()).data.map((m) => m.id)).not.toContain(id);
    });

    it('answers 204 and changes nothing for a current suggestion that is not dismissed', async () => {
      const before = await matchingTables(t);
      await restore(matchId(alder.id, birch.id)).expect(204);
      expect(await matchingTables(t)).toEqual(before);
    });

    it('answers 404 for an id that is neither dismissed nor a current suggestion, malformed or not', async () => {
      const before = await matchingTables(t);
      for (const id of ['3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f', matchId(birch.id, alder.id), 'not-a-uuid', '123']) {
        const response = await restore(id).expect(404);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      expect(await matchingTables(t)).toEqual(before);
    });

    it('is for staff and up: a viewer gets 403 and the dismissal stays', async () => {
      const id = matchId(alder.id, birch.id);
      await dismiss(id).expect(204);
      const before = await matchingTables(t);
      await restore(id, viewer.auth).expect(403);
      await request(t.http).post(`/api/v1/matches/${id}/restore`).expect(401);
      expect(await matchingTables(t)).toEqual(before);
      const manager = await signedInAs(t, Role.Manager);
      await restore(id, manager.auth).expect(204);
      expect(await matchingTables(t)).toMatchObject({ dismissals: 0 });
    });
  });

  describe('introduce', () => {
    const introduce = (id: string, body: object = {}, auth = staff.auth) =>
      request(t.http).post(`/api/v1/matches/${id}/introduce`).set(auth).send(body);
    const restore = (id: string, auth = staff.auth) => request(t.http).post(`/api/v1/matches/${id}/restore`).set(auth);
    const dismiss = (id: string, auth = staff.auth) => request(t.http).post(`/api/v1/matches/${id}/dismiss`).set(auth);
    const timeline = async (organizationId: string) =>
      (await request(t.http).get(`/api/v1/organizations/${organizationId}/timeline`).set(viewer.auth).expect(200)).body
        .data as { type: string; summary: string; refId: string }[];

    it('makes a follow-up task for the caller, moves the suggestion to introduced and shows it on both timelines', async () => {
      const id = matchId(alder.id, birch.id);
      const response = await introduce(id, { note: '  Emailed both directors.  ' }).expect(200);
      const { match, taskId } = response.body as { match: MatchBody; taskId: string };
      expect(match).toMatchObject({
        id,
        providerId: alder.id,
        seekerId: birch.id,
        strength: 84,
        status: 'introduced',
        decidedById: staff.user.id,
        taskId,
        note: 'Emailed both directors.',
      });
      const task = (await request(t.http).get(`/api/v1/tasks/${taskId}`).set(staff.auth).expect(200)).body;
      expect(task).toMatchObject({
        title: 'Introduce Alder College Access to Birch Youth Shelter',
        assigneeId: staff.user.id,
        organizationId: alder.id,
        status: 'open',
      });
      // By the end of the library day (UTC here) 7 days from today: the next UTC midnight after it.
      const dueOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      expect(task.dueAt).toBe(new Date(Date.parse(dueOn) + 86_400_000).toISOString());

      // Gone from the open list, listed as introduced.
      expect((await list()).data.map((m) => m.id)).not.toContain(id);
      const introduced = await list('?status=introduced');
      expect(introduced.meta.total).toBe(1);
      expect(introduced.data[0]).toEqual({ ...match, decidedAt: expect.any(String) });
      expect((await list('?status=dismissed')).data).toEqual([]);

      for (const organization of [alder, birch]) {
        const entry = (await timeline(organization.id)).find((event) => event.refId === taskId);
        expect(entry).toMatchObject({
          type: 'task',
          summary: expect.stringMatching(/^Follow-up: Introduce Alder College Access to Birch Youth Shelter \(due /),
        });
      }
      expect((await timeline(cedar.id)).some((event) => event.refId === taskId)).toBe(false);

      const audit = await t.dataSource.query(
        `SELECT actor_id, action FROM audit_events WHERE entity_type = 'match-introduction' AND entity_id = $1`,
        [id],
      );
      expect(audit).toEqual([{ actor_id: staff.user.id, action: 'create' }]);
    });

    it('makes one task only: a second introduction is a 409 carrying the task, and so are concurrent ones', async () => {
      const id = matchId(alder.id, birch.id);
      const { taskId } = (await introduce(id).expect(200)).body;
      const again = await introduce(id).expect(409);
      expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(again.body).toMatchObject({ code: 'MATCH_ALREADY_INTRODUCED', taskId });
      // Dismissing an introduced one is refused too.
      expect((await dismiss(id).expect(409)).body.code).toBe('MATCH_ALREADY_INTRODUCED');

      const other = matchId(cedar.id, birch.id);
      const responses = await Promise.all([introduce(other), introduce(other), introduce(other)]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM tasks WHERE title LIKE 'Introduce Cedar%'`,
      );
      expect(n).toBe(1);
      expect((await list('?status=introduced')).meta.total).toBe(2);
    });

    it('turns a dismissal into an introduction', async () => {
      const id = matchId(alder.id, elm.id);
      await dismiss(id).expect(204);
      expect((await list('?status=dismissed')).data.map((m) => m.id)).toEqual([id]);
      await introduce(id).expect(200);
      expect((await list('?status=dismissed')).data).toEqual([]);
      expect((await list('?status=introduced')).data.map((m) => m.id)).toEqual([id]);
    });

    it('is undone by restore: back in the open list, the open task deleted; a done task stays', async () => {
      const id = matchId(alder.id, birch.id);
      const { taskId } = (await introduce(id).expect(200)).body;
      await restore(id).expect(204);
      expect((await list()).data[0].id).toBe(id);
      expect((await list('?status=introduced')).data).toEqual([]);
      await request(t.http).get(`/api/v1/tasks/${taskId}`).set(staff.auth).expect(404);
      expect((await timeline(birch.id)).some((event) => event.refId === taskId)).toBe(false);
      // Idempotent: restoring it again changes nothing.
      const before = await matchingTables(t);
      await restore(id).expect(204);
      expect(await matchingTables(t)).toEqual(before);

      // A done follow-up is work that happened: it stays.
      const second = (await introduce(id).expect(200)).body.taskId as string;
      const { version } = (await request(t.http).get(`/api/v1/tasks/${second}`).set(staff.auth).expect(200)).body;
      await request(t.http)
        .patch(`/api/v1/tasks/${second}`)
        .set(staff.auth)
        .send({ status: 'done', version })
        .expect(200);
      await restore(id).expect(204);
      await request(t.http).get(`/api/v1/tasks/${second}`).set(staff.auth).expect(200);
      expect((await list()).data[0].id).toBe(id);
    });

    it('keeps the suggestion as it was when decided, after its reasons change', async () => {
      const id = matchId(alder.id, birch.id);
      await introduce(id).expect(200);
      const dismissedId = matchId(cedar.id, birch.id);
      await dismiss(dismissedId).expect(204);
      await t.dataSource.getRepository(Organization).update(birch.id, { seeksCapabilityIds: [], audienceIds: [] });
      const [introduced] = (await list('?status=introduced')).data;
      expect(introduced).toMatchObject({ id, strength: 84, capabilityId: coachingId, kind: 'sought' });
      expect(introduced.explanation).toContain('Birch Youth Shelter is looking for');
      const [dismissed] = (await list('?status=dismissed')).data;
      expect(dismissed).toMatchObject({ id: dismissedId, status: 'dismissed', strength: 54, kind: 'audience-fit' });
    });

    it('lists a dismissal kept from before the snapshot with its current reasons, or none once they are gone', async () => {
      const id = matchId(alder.id, birch.id);
      await t.dataSource.query(
        `INSERT INTO match_decisions (id, provider_id, seeker_id, status, decided_by_id) VALUES ($1, $2, $3, 'dismissed', $4)`,
        [id, alder.id, birch.id, staff.user.id],
      );
      expect((await list('?status=dismissed')).data).toEqual([
        expect.objectContaining({ id, status: 'dismissed', strength: 84, capabilityId: coachingId, kind: 'sought' }),
      ]);
      await t.dataSource.getRepository(Organization).update(birch.id, { seeksCapabilityIds: [], audienceIds: [] });
      expect((await list('?status=dismissed')).data).toEqual([
        expect.objectContaining({
          id,
          strength: 0,
          capabilityId: null,
          kind: null,
          audienceIds: [],
          explanation: 'Alder College Access and Birch Youth Shelter: the reasons for this suggestion no longer hold.',
        }),
      ]);
      // Restorable as any dismissal.
      await restore(id).expect(204);
      expect((await list('?status=dismissed')).data).toEqual([]);
    });

    it('keeps the dismissals made before decisions were recorded (the migration), and reverts to them', async () => {
      const id = matchId(alder.id, birch.id);
      await dismiss(matchId(cedar.id, birch.id)).expect(204);
      await introduce(matchId(alder.id, elm.id)).expect(200);
      const migration = new MatchDecisions1796606213517();
      const runner = t.dataSource.createQueryRunner();
      try {
        await migration.down(runner);
        // Back to the old table: the dismissal stays, the introduction has no place in it.
        expect(await runner.query(`SELECT provider_id, seeker_id FROM match_dismissals`)).toEqual([
          { provider_id: cedar.id, seeker_id: birch.id },
        ]);
        await runner.query(
          `INSERT INTO match_dismissals (id, provider_id, seeker_id, dismissed_by_id) VALUES ($1, $2, $3, $4)`,
          [id, alder.id, birch.id, staff.user.id],
        );
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      // Both come back as dismissals without a snapshot (the old table had none): listed with their current reasons.
      const rows = await t.dataSource.query(
        `SELECT id, status, decided_by_id, strength, task_id FROM match_decisions ORDER BY id`,
      );
      expect(rows).toEqual(
        [id, matchId(cedar.id, birch.id)].sort().map((row) => ({
          id: row,
          status: 'dismissed',
          decided_by_id: staff.user.id,
          strength: null,
          task_id: null,
        })),
      );
      expect((await list('?status=dismissed')).data.map((m) => [m.id, m.strength])).toEqual(
        expect.arrayContaining([
          [id, 84],
          [matchId(cedar.id, birch.id), 54],
        ]),
      );
    });

    it('lists decisions most recent first, filtered and paged', async () => {
      const ids = [matchId(alder.id, birch.id), matchId(alder.id, elm.id), matchId(cedar.id, birch.id)];
      for (const id of ids) await dismiss(id).expect(204);
      expect((await list('?status=dismissed')).data.map((m) => m.id)).toEqual([...ids].reverse());
      expect((await list(`?status=dismissed&organizationId=${elm.id}`)).data.map((m) => m.id)).toEqual([ids[1]]);
      expect((await list(`?status=dismissed&capabilityId=${spaceId}`)).data.map((m) => m.id)).toEqual([ids[2]]);
      const page = await list('?status=dismissed&limit=1&offset=1');
      expect(page).toMatchObject({ meta: { total: 3, limit: 1, offset: 1 } });
      expect(page.data.map((m) => m.id)).toEqual([ids[1]]);
      expect((await list('?status=dismissed&offset=5')).meta.total).toBe(3);
      expect((await list()).meta.total).toBe(2);
    });

    it('refuses bad bodies with 400 naming the field, and changes nothing', async () => {
      const id = matchId(alder.id, birch.id);
      const before = await matchingTables(t);
      for (const body of [
        { note: 5 },
        { note: ['a'] },
        { note: 'x'.repeat(2001) },
        { note: 'fine', taskId: 'x' },
        { unknown: true },
      ]) {
        const response = await introduce(id, body).expect(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
      const raw = await request(t.http)
        .post(`/api/v1/matches/${id}/introduce`)
        .set(staff.auth)
        .set('Content-Type', 'application/json')
        .send('{"note": ');
      expect(raw.status).toBe(400);
      expect(await matchingTables(t)).toEqual(before);
      // An empty or blank note is none; 2000 characters are fine.
      expect((await introduce(id, { note: '   ' }).expect(200)).body.match.note).toBeNull();
      await restore(id).expect(204);
      expect((await introduce(id, { note: 'y'.repeat(2000) }).expect(200)).body.match.note).toHaveLength(2000);
    });

    it('answers 404 for unknown and malformed ids, 403 to a viewer, 401 without a token', async () => {
      const before = await matchingTables(t);
      for (const id of ['3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f', matchId(birch.id, alder.id), 'not-a-uuid', '123']) {
        const response = await introduce(id).expect(404);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      const id = matchId(alder.id, birch.id);
      expect((await introduce(id, {}, viewer.auth).expect(403)).headers['content-type']).toMatch(/problem\+json/);
      await request(t.http).post(`/api/v1/matches/${id}/introduce`).send({}).expect(401);
      expect(await matchingTables(t)).toEqual(before);
      const manager = await signedInAs(t, Role.Manager);
      await introduce(id, {}, manager.auth).expect(200);
    });
  });

  describe('strength floor and per-partner cap', () => {
    const admin = () => signedInAs(t, Role.Admin);
    const settings = (auth: Record<string, string>) => request(t.http).get('/api/v1/settings/matching').set(auth);
    const patch = (auth: Record<string, string>, body: object) =>
      request(t.http).patch('/api/v1/settings/matching').set(auth).send(body);

    beforeEach(async () => {
      await t.dataSource.query(`DELETE FROM settings WHERE key = 'matching'`);
    });

    it('leaves out the weak suggestions by default and shows them all with all=true', async () => {
      // The default floor is 60: only Alder → Birch (84) is worth reading.
      expect(await pairs()).toEqual(['Alder → Birch 84']);
      expect((await list()).meta.total).toBe(1);
      expect(await pairs('?all=true')).toHaveLength(5);
      expect((await list('?all=false')).meta.total).toBe(1);
    });

    it('keeps each partner to maxPerPartner suggestions over the whole ranked list, so pages are stable', async () => {
      const { auth } = await admin();
      await patch(auth, { minStrength: 50, version: 1 }).expect(200);
      // Alder is in the first three; Cedar → Alder would be its fourth.
      expect(await pairs()).toEqual(['Alder → Birch 84', 'Alder → Elm 57', 'Alder → Cedar 54', 'Cedar → Birch 54']);
      const page = await list('?limit=2&offset=2');
      expect(page.meta.total).toBe(4);
      expect(page.data.map((m) => m.id)).toEqual([matchId(alder.id, cedar.id), matchId(cedar.id, birch.id)]);
      // Dismissing one lets the next in.
      await request(t.http)
        .post(`/api/v1/matches/${matchId(alder.id, elm.id)}/dismiss`)
        .set(staff.auth)
        .expect(204);
      expect(await pairs()).toEqual(['Alder → Birch 84', 'Alder → Cedar 54', 'Cedar → Alder 54', 'Cedar → Birch 54']);
    });

    it('is a setting for admins: defaults at version 1, checked, versioned and audited', async () => {
      const { auth, user } = await admin();
      expect((await settings(auth).expect(200)).body).toEqual({ version: 1, minStrength: 60, maxPerPartner: 3 });
      const manager = await signedInAs(t, Role.Manager);
      await settings(manager.auth).expect(403);
      await patch(manager.auth, { minStrength: 10, version: 1 }).expect(403);
      await patch(staff.auth, { minStrength: 10, version: 1 }).expect(403);
      await request(t.http).get('/api/v1/settings/matching').expect(401);
      for (const body of [
        { minStrength: 101, version: 1 },
        { minStrength: -1, version: 1 },
        { minStrength: 'high', version: 1 },
        { minStrength: 50.5, version: 1 },
        { minStrength: null, version: 1 },
        { maxPerPartner: 2, version: 1 },
        { maxPerPartner: 101, version: 1 },
        { minStrength: 50 },
        { minStrength: 50, version: 1, extra: true },
      ]) {
        const response = await patch(auth, body).expect(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      const changed = (await patch(auth, { maxPerPartner: 5, version: 1 }).expect(200)).body;
      expect(changed).toEqual({ version: 2, minStrength: 60, maxPerPartner: 5 });
      expect((await patch(auth, { minStrength: 40, version: 1 }).expect(409)).body.code).toBeDefined();
      expect((await patch(auth, { maxPerPartner: 5, version: 2 }).expect(200)).body.version).toBe(2);
      const audit = await t.dataSource.query(
        `SELECT actor_id, changes FROM audit_events WHERE entity_type = 'settings' ORDER BY occurred_at`,
      );
      expect(audit).toEqual([{ actor_id: user.id, changes: { maxPerPartner: { before: 3, after: 5 } } }]);
    });
  });

  describe('the ranking thread', () => {
    it('answers from a new thread when the one it had ended, the same page', async () => {
      const before = await list();
      const worker = t.app.get(RankingThread)['thread']['worker'];
      expect(worker).not.toBeNull();
      await worker!.terminate();
      expect(await list()).toEqual(before);
    });

    it('answers 503 MATCHING_UNAVAILABLE, as problem details, when the new thread fails too', async () => {
      const ask = jest.spyOn(ThreadClient.prototype, 'ask');
      try {
        ask.mockRejectedValueOnce(new ThreadGoneError('the thread exited (code 1)'));
        ask.mockRejectedValueOnce(new ThreadGoneError('the thread exited (code 1)'));
        const response = await request(t.http).get('/api/v1/matches').set(staff.auth).expect(503);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body).toMatchObject({ status: 503, code: 'MATCHING_UNAVAILABLE' });
      } finally {
        ask.mockRestore();
      }
      await list();
    });

    it('ends with the app', async () => {
      const other = await createTestApp({ databaseName: t.databaseName, redisPrefix: t.redisPrefix });
      try {
        await other.app.get(MatchingService).strongest(3);
      } finally {
        const worker = other.app.get(RankingThread)['thread']['worker']!;
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        await other.close();
        await exited;
      }
    });
  });
});
