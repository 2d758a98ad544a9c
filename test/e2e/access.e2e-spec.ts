import request from 'supertest';
import { Role, ROLE_ORDER, roleAtLeast } from '../../src/auth/role.enum';
import { persistUser, login } from '../factories/user.factory';
import { registeredRoutes, RegisteredRoute } from '../setup/routes';
import { createTestApp, TestApp } from '../setup/test-app';

/** `cookie`: no bearer token; the refresh cookie is the credential (API.md). */
type Access = 'public' | 'cookie' | Role;

/**
 * What API.md says each route is open to — written by hand, not read from the code, so a
 * decorator that drifts from the contract fails here. A new route must be added to pass.
 */
const EXPECTED_ACCESS: Record<string, Access> = {
  'GET /api/v1/health': 'public',
  'GET /api/v1/auth/setup': 'public',
  'POST /api/v1/auth/setup': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/refresh': 'cookie',
  'POST /api/v1/auth/accept-invitation': 'public',
  'POST /api/v1/auth/logout': Role.Viewer,
  'GET /api/v1/auth/me': Role.Viewer,
  'PATCH /api/v1/auth/me': Role.Viewer,
  'POST /api/v1/auth/password': Role.Viewer,
  'POST /api/v1/auth/mfa/setup': Role.Viewer,
  'POST /api/v1/auth/mfa/enable': Role.Viewer,
  'POST /api/v1/auth/mfa/disable': Role.Viewer,
  'GET /api/v1/users': Role.Admin,
  'GET /api/v1/users/directory': Role.Viewer,
  'POST /api/v1/users': Role.Admin,
  'GET /api/v1/users/:id': Role.Admin,
  'PATCH /api/v1/users/:id': Role.Admin,
  'POST /api/v1/users/:id/invitation': Role.Admin,
  'POST /api/v1/users/:id/invitation-link': Role.Admin,
  'POST /api/v1/users/:id/mfa-reset': Role.Admin,
  'GET /api/v1/audiences': Role.Viewer,
  'POST /api/v1/audiences': Role.Manager,
  'PATCH /api/v1/audiences/:id': Role.Manager,
  'DELETE /api/v1/audiences/:id': Role.Manager,
  'GET /api/v1/capabilities': Role.Viewer,
  'POST /api/v1/capabilities': Role.Manager,
  'PATCH /api/v1/capabilities/:id': Role.Manager,
  'DELETE /api/v1/capabilities/:id': Role.Manager,
  'GET /api/v1/organizations': Role.Viewer,
  'POST /api/v1/organizations': Role.Staff,
  'GET /api/v1/organizations/export.csv': Role.Staff,
  'POST /api/v1/organizations/import': Role.Staff,
  'GET /api/v1/organizations/:id': Role.Viewer,
  'PATCH /api/v1/organizations/:id': Role.Staff,
  'DELETE /api/v1/organizations/:id': Role.Manager,
  'GET /api/v1/organizations/:id/timeline': Role.Viewer,
  'GET /api/v1/organizations/:id/notes': Role.Viewer,
  'POST /api/v1/organizations/:id/notes': Role.Staff,
  'GET /api/v1/search': Role.Viewer,
  'GET /api/v1/contacts': Role.Viewer,
  'GET /api/v1/contacts/:id': Role.Viewer,
  'POST /api/v1/contacts': Role.Staff,
  'PATCH /api/v1/contacts/:id': Role.Staff,
  'DELETE /api/v1/contacts/:id': Role.Manager,
  'GET /api/v1/audit': Role.Admin,
  'GET /api/v1/visits': Role.Viewer,
  'POST /api/v1/visits': Role.Staff,
  'GET /api/v1/visits/:id': Role.Viewer,
  'PATCH /api/v1/visits/:id': Role.Staff,
  'DELETE /api/v1/visits/:id': Role.Staff,
  'GET /api/v1/programs': Role.Viewer,
  'POST /api/v1/programs': Role.Staff,
  'GET /api/v1/programs/:id': Role.Viewer,
  'PATCH /api/v1/programs/:id': Role.Staff,
  'DELETE /api/v1/programs/:id': Role.Staff,
  'GET /api/v1/programs/:id/sessions': Role.Viewer,
  'GET /api/v1/programs/:id/calendar.ics': Role.Viewer,
  'GET /api/v1/programs/:id/calendar-link': Role.Viewer,
  'POST /api/v1/programs/:id/calendar-link': Role.Viewer,
  'GET /api/v1/sessions': Role.Viewer,
  'PATCH /api/v1/sessions/:id': Role.Staff,
  'GET /api/v1/closures': Role.Viewer,
  'POST /api/v1/closures': Role.Manager,
  'DELETE /api/v1/closures/:id': Role.Manager,
  'POST /api/v1/programs/:id/feedback-link': Role.Staff,
  'GET /api/v1/programs/:id/feedback-links': Role.Staff,
  'DELETE /api/v1/programs/:id/feedback-links/:linkId': Role.Staff,
  'GET /feedback/:token': 'public',
  'POST /api/v1/public/feedback/:token': 'public',
  'GET /api/v1/feedback': Role.Viewer,
  'POST /api/v1/feedback': Role.Staff,
  'GET /api/v1/feedback/:id': Role.Viewer,
  'PATCH /api/v1/feedback/:id': Role.Staff,
  'DELETE /api/v1/feedback/:id': Role.Staff,
  'GET /api/v1/goals': Role.Viewer,
  'POST /api/v1/goals': Role.Manager,
  'GET /api/v1/goals/:id': Role.Viewer,
  'PATCH /api/v1/goals/:id': Role.Manager,
  'DELETE /api/v1/goals/:id': Role.Manager,
  'GET /api/v1/tasks': Role.Viewer,
  'POST /api/v1/tasks': Role.Staff,
  'GET /api/v1/tasks/:id': Role.Viewer,
  'PATCH /api/v1/tasks/:id': Role.Staff,
  'DELETE /api/v1/tasks/:id': Role.Staff,
  'GET /api/v1/reminders': Role.Viewer,
  'POST /api/v1/reminders': Role.Staff,
  'GET /api/v1/reminders/:id': Role.Viewer,
  'PATCH /api/v1/reminders/:id': Role.Staff,
  'DELETE /api/v1/reminders/:id': Role.Staff,
  'GET /api/v1/reminders/:id/deliveries': Role.Viewer,
  'GET /api/v1/matches': Role.Staff,
  'POST /api/v1/matches/:id/dismiss': Role.Staff,
  'POST /api/v1/matches/:id/restore': Role.Staff,
  'POST /api/v1/matches/:id/introduce': Role.Staff,
  'GET /api/v1/organizations/:id/health': Role.Viewer,
  'GET /api/v1/dashboard/health': Role.Manager,
  'GET /api/v1/dashboard/health/digest': Role.Manager,
  'GET /api/v1/dashboard/health/history': Role.Manager,
  'GET /api/v1/settings/health': Role.Admin,
  'PATCH /api/v1/settings/health': Role.Admin,
  'GET /api/v1/organizations/:id/check-ins': Role.Viewer,
  'POST /api/v1/organizations/:id/check-ins': Role.Staff,
  'POST /api/v1/check-ins/rounds': Role.Manager,
  'GET /api/v1/check-ins/:id': Role.Viewer,
  'POST /api/v1/check-ins/:id/close': Role.Staff,
  'GET /api/v1/settings/check-ins': Role.Admin,
  'PATCH /api/v1/settings/check-ins': Role.Admin,
  'GET /api/v1/settings/matching': Role.Admin,
  'PATCH /api/v1/settings/matching': Role.Admin,
  'GET /api/v1/reports/outreach': Role.Viewer,
  'GET /api/v1/reports/outreach.csv': Role.Viewer,
  'GET /api/v1/settings/library': Role.Viewer,
  'PATCH /api/v1/settings/library': Role.Admin,
  'GET /api/v1/settings/security': Role.Admin,
  'PATCH /api/v1/settings/security': Role.Admin,
  'GET /api/v1/demo-data': Role.Admin,
  'POST /api/v1/demo-data': Role.Admin,
  'GET /check-in/:token': 'public',
  'POST /api/v1/public/check-ins/:token': 'public',
  'GET /unsubscribe/:token': 'public',
  'POST /unsubscribe/:token': 'public',
};

const UNKNOWN_ID = '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f';

function call(t: TestApp, route: RegisteredRoute, headers: Record<string, string>) {
  const path = route.path.replace(/:\w+/g, UNKNOWN_ID);
  const verb = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  const req = request(t.http)[verb](path).set(headers);
  return ['post', 'patch', 'put'].includes(verb) ? req.send({}) : req;
}

describe('Access control (e2e)', () => {
  let t: TestApp;
  let routes: RegisteredRoute[];
  const users: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    routes = registeredRoutes(t.app);
    for (const role of ROLE_ORDER) users[role] = (await persistUser(t.dataSource, { role })).email;
  });
  afterAll(async () => t.close());

  it('finds the routes to check', () => {
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(EXPECTED_ACCESS).length);
  });

  it('every route declares @Public() or @RequirePermission()', () => {
    const undeclared = routes.filter((route) => !route.isPublic && !route.permission).map((route) => route.key);
    expect(undeclared).toEqual([]);
  });

  it('every registered route is in the access table, and every table entry is registered', () => {
    expect(routes.map((route) => route.key).sort()).toEqual(Object.keys(EXPECTED_ACCESS).sort());
  });

  it('matches every route × role (and anonymous) against the expected status', async () => {
    const failures: string[] = [];
    const sessions: Partial<Record<Role, Record<string, string>>> = {};
    for (const route of routes) {
      const expected = EXPECTED_ACCESS[route.key];
      const anonymous = await call(t, route, {});
      if (expected === 'cookie') {
        if (!route.isPublic || anonymous.status !== 401 || anonymous.body.code !== 'INVALID_REFRESH_TOKEN') {
          failures.push(`${route.key} without its cookie → ${anonymous.status} ${anonymous.body.code}`);
        }
        continue;
      }
      if (expected === 'public' ? [401, 403].includes(anonymous.status) : anonymous.status !== 401) {
        failures.push(`${route.key} anonymous → ${anonymous.status}`);
      }
      if (anonymous.status !== 401 && expected !== 'public') continue;
      for (const role of ROLE_ORDER) {
        // Routes under /auth/ and /me may end or change the session (logout, password): those get a fresh one.
        const fresh = /\/(auth|me)(\/|$)/.test(route.path);
        const auth = !fresh && sessions[role] ? sessions[role] : (sessions[role] = (await login(t, users[role]!)).auth);
        if (fresh) delete sessions[role];
        const response = await call(t, route, auth);
        const allowed = expected === 'public' || roleAtLeast(role, expected);
        const ok = allowed ? ![401, 403].includes(response.status) && response.status < 500 : response.status === 403;
        if (!ok)
          failures.push(`${route.key} as ${role} → ${response.status} (expected ${allowed ? 'allowed' : '403'})`);
        if (!allowed) expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('serves the interactive docs', async () => {
    const response = await request(t.http).get('/api/docs').expect(200);
    expect(response.text).toContain('swagger');
  });

  it('documents every route with its auth and error responses', async () => {
    const { body: doc } = await request(t.http).get('/api/docs-json').expect(200);
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.schemas.ProblemDetails).toBeDefined();
    const problems: string[] = [];
    for (const route of registeredRoutes(t.app)) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      if (!operation) {
        problems.push(`${route.key} is missing`);
        continue;
      }
      if (!operation.summary) problems.push(`${route.key} has no summary`);
      const responses = Object.keys(operation.responses ?? {});
      if (!responses.some((status) => /^2\d\d$/.test(status)))
        problems.push(`${route.key} documents no success response`);
      if (!route.isPublic) {
        if (!operation.security?.some((s: Record<string, unknown>) => 'bearer' in s))
          problems.push(`${route.key} lacks bearer security`);
        for (const status of ['401', '403'])
          if (!responses.includes(status)) problems.push(`${route.key} lacks ${status}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
