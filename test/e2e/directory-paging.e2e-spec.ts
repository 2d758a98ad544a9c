import { Client } from 'pg';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { EXACT_TOTAL_UP_TO } from '../../src/organization/organization.service';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

interface Page {
  data: { id: string; name: string }[];
  meta: { total: number; limit: number; offset: number; totalIsEstimate: boolean; nextCursor: string | null };
}

/**
 * The directory's pages at any size: keyset cursors that walk every sort without skipping or
 * repeating a row (ties, accents, case, microsecond timestamps), and a total that is counted
 * while small and estimated above EXACT_TOTAL_UP_TO rather than counted row by row.
 */
describe('Directory paging (e2e)', () => {
  let t: TestApp;
  let viewer: SignedIn;

  const list = async (query: string): Promise<Page> => {
    const response = await request(t.http).get(`/api/v1/organizations?${query}`).set(viewer.auth);
    if (response.status !== 200) throw new Error(`GET ${query}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Page;
  };

  /** Every page of a query by cursor, `limit` at a time. */
  const walk = async (query: string, limit: number) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.data.map((org) => org.id));
      cursor = page.meta.nextCursor;
      pages += 1;
      if (pages > 100) throw new Error('the cursor does not end');
    } while (cursor);
    return { ids, pages };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await truncateAll(t.dataSource);
    viewer = await signedInAs(t, Role.Viewer);
    // 60 partners written in one statement: the same created_at and updated_at for all (ties the
    // id must break), names in mixed case and with accents, every stage.
    await t.dataSource.query(`
      INSERT INTO organizations (name, stage)
      SELECT (ARRAY['Álamo', 'alder', 'Birch', 'beech', 'Cedar', 'élan'])[1 + n % 6] || ' Youth ' || n,
             (ARRAY['prospect', 'exploring', 'active', 'paused', 'ended'])[1 + n % 5]::organization_stage
      FROM generate_series(1, 60) AS n`);
    // A few changed later, at microsecond-apart times a JavaScript date could not tell apart.
    await t.dataSource.query(`
      UPDATE organizations SET updated_at = now() + (random() * interval '1 millisecond')
      WHERE id IN (SELECT id FROM organizations ORDER BY id LIMIT 10)`);
  });

  afterAll(() => t.close());

  it.each(['name', '-name', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt', 'stage', '-stage'])(
    'walks every partner once, in the order of one big page, sorted by %s',
    async (sort) => {
      const whole = await list(`sort=${sort}&limit=100`);
      expect(whole.meta).toEqual({ total: 60, limit: 100, offset: 0, totalIsEstimate: false, nextCursor: null });
      const walked = await walk(`sort=${sort}`, 7);
      expect(walked.ids).toEqual(whole.data.map((org) => org.id));
      expect(walked.pages).toBe(9);
    },
  );

  it('walks a filtered list the same way, its total counted', async () => {
    const whole = await list('stage=active&q=youth&sort=-name&limit=100');
    expect(whole.meta.total).toBe(12);
    const walked = await walk('stage=active&q=youth&sort=-name', 5);
    expect(walked.ids).toEqual(whole.data.map((org) => org.id));
    const first = await list('stage=active&q=youth&sort=-name&limit=5');
    expect(first.meta).toMatchObject({ total: 12, totalIsEstimate: false });
  });

  it('answers a page in one statement besides authentication, the count inside it; a page past the end counts apart', async () => {
    // Calls through: only records what each pg client was asked to run.
    const spy = jest.spyOn(Client.prototype, 'query');
    const sent = () => spy.mock.calls.map(([text]) => (typeof text === 'string' ? text : JSON.stringify(text)));
    try {
      const page = await list('stage=active&sort=-updatedAt&limit=5');
      expect(page.meta).toMatchObject({ total: 12, totalIsEstimate: false });
      expect(sent()).toHaveLength(2);
      expect(sent()[0]).toMatch(/FROM users u/);
      expect(sent()[1]).toMatch(/count\(\*\)/);

      spy.mockClear();
      const past = await list('stage=active&offset=40&limit=5');
      expect(past).toMatchObject({ data: [], meta: { total: 12 } });
      expect(sent()).toHaveLength(3);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a cursor it did not give, one of another sort, and a cursor with an offset', async () => {
    const { meta } = await list('sort=name&limit=5');
    const bad = async (query: string, field: string) => {
      const response = await request(t.http).get(`/api/v1/organizations?${query}`).set(viewer.auth).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    };
    await bad('cursor=not-a-cursor', 'cursor');
    await bad(`sort=-name&cursor=${meta.nextCursor}`, 'cursor');
    await bad(`sort=name&offset=5&cursor=${meta.nextCursor}`, 'offset');
    const forged = Buffer.from(JSON.stringify(['name', 'x', "1'; DROP TABLE organizations; --"])).toString('base64url');
    await bad(`cursor=${forged}`, 'cursor');
    await bad(`cursor=${'x'.repeat(601)}`, 'cursor');
    const typed = Buffer.from(
      JSON.stringify(['updatedAt', 'yesterday', '0b7f8b5e-8d0e-4d55-9a53-0f5b0c7e9a11']),
    ).toString('base64url');
    await bad(`sort=updatedAt&cursor=${typed}`, 'cursor');
    const impossible = Buffer.from(
      JSON.stringify(['updatedAt', '2026-13-45 25:61:61+00', '0b7f8b5e-8d0e-4d55-9a53-0f5b0c7e9a11']),
    ).toString('base64url');
    const refused = await request(t.http)
      .get(`/api/v1/organizations?sort=updatedAt&cursor=${impossible}`)
      .set(viewer.auth);
    expect(refused.status).toBe(400);
    expect((await list('limit=100')).meta.total).toBe(60);
  });

  it('keeps fine planner statistics on the columns the directory filters on (a migration sets them)', async () => {
    const rows = await t.dataSource.query<{ attname: string; target: number }[]>(`
      SELECT attname, attstattarget::int AS target FROM pg_attribute
      WHERE attrelid IN ('organizations'::regclass, 'ix_organizations_search_trgm'::regclass)
        AND attname IN ('stage', 'audience_ids', 'owner_id', 'tandem_fold')
      ORDER BY attname`);
    expect(rows.map((row) => row.target)).toEqual([1000, 1000, 1000, 1000]);
  });

  it(`estimates the total above ${EXACT_TOTAL_UP_TO.toLocaleString('en')} matching partners instead of counting them all`, async () => {
    await t.dataSource.query(`
      INSERT INTO organizations (name, stage)
      SELECT 'Bulk partner ' || n, 'prospect' FROM generate_series(1, ${EXACT_TOTAL_UP_TO + 200}) AS n`);
    await t.dataSource.query('ANALYZE organizations');
    const all = await list('limit=25');
    expect(all.meta.totalIsEstimate).toBe(true);
    expect(all.meta.total).toBeGreaterThan(EXACT_TOTAL_UP_TO);
    expect(Math.abs(all.meta.total - (EXACT_TOTAL_UP_TO + 260)) / (EXACT_TOTAL_UP_TO + 260)).toBeLessThan(0.1);
    // A filter many match: estimated too; one few match: counted.
    expect((await list('stage=prospect&limit=25')).meta.totalIsEstimate).toBe(true);
    expect((await list('stage=active&limit=25')).meta).toMatchObject({ total: 12, totalIsEstimate: false });
    // The cursor still walks far down the directory.
    const page = await list('sort=name&limit=100');
    const next = await list(`sort=name&limit=100&cursor=${page.meta.nextCursor}`);
    expect(next.data[0].name.toLowerCase() >= page.data[99].name.toLowerCase()).toBe(true);
    expect(new Set([...page.data, ...next.data].map((org) => org.id)).size).toBe(200);
  });
});
