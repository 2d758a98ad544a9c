import { performance } from 'node:perf_hooks';

/**
 * The embedded database's concurrency story (issue 13): an admin, a staff member and a viewer
 * send a weighted mix of requests from concurrent closed loops, and every answer is checked for
 * its caller and for the record asked for. test/e2e/embedded-database.e2e-spec.ts asserts on
 * it; bench/embedded/run.ts reports its figures. Plain Node, no Jest: the bench runs it too.
 */

export type StoryRole = 'admin' | 'staff' | 'viewer';

export interface StoryActor {
  role: StoryRole;
  id: string;
  token: string;
  /** Every name the actor gives itself starts with this. */
  baseName: string;
}

export interface StoryAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** One JSON request to Tandem, as `token` when given. */
export type StorySend<A extends StoryAnswer> = (
  method: string,
  path: string,
  token?: string,
  body?: object,
) => Promise<A>;

/** The status each role must get for each kind of request. */
export const STORY_EXPECTED: Readonly<Record<string, Readonly<Record<StoryRole, number>>>> = {
  'GET /auth/me': { admin: 200, staff: 200, viewer: 200 },
  'GET /users': { admin: 200, staff: 403, viewer: 403 },
  'PATCH /auth/me': { admin: 200, staff: 200, viewer: 200 },
  'PATCH /users/:id role': { admin: 200, staff: 403, viewer: 403 },
  'GET /organizations/:id': { admin: 200, staff: 200, viewer: 200 },
  'GET /organizations': { admin: 200, staff: 200, viewer: 200 },
  'POST /organizations': { admin: 201, staff: 201, viewer: 403 },
};

export interface StoryResult<A extends StoryAnswer> {
  /** Every answer, with the kind of request and who sent it. */
  answers: Array<{ kind: string; role: StoryRole; answer: A }>;
  /** Each answer with an unexpected status or content, and each request that got no answer, one line each. */
  wrong: string[];
  networkErrors: number;
  /** Names of the organizations the story created. */
  created: string[];
  seconds: number;
}

export interface StoryOptions<A extends StoryAnswer> {
  send: StorySend<A>;
  /** The admin, the staff member and the viewer, in that order. */
  actors: readonly [StoryActor, StoryActor, StoryActor];
  /** Organizations to ask for by id; the ones the story creates are added. */
  organizations: Array<{ id: string; name: string }>;
  clients: number;
  durationMs: number;
  /** A number for a unique name, never the same twice. */
  next: () => number;
}

/**
 * Runs `clients` closed loops until `durationMs` is up, each request from a random one of the
 * three actors.
 */
export async function runConcurrencyStory<A extends StoryAnswer>(options: StoryOptions<A>): Promise<StoryResult<A>> {
  const { send, actors, organizations, next } = options;
  const [admin, staff] = actors;
  const result: StoryResult<A> = { answers: [], wrong: [], networkErrors: 0, created: [], seconds: 0 };
  const operations: Array<{
    kind: keyof typeof STORY_EXPECTED;
    weight: number;
    run: (actor: StoryActor) => Promise<{ answer: A; problem?: string }>;
  }> = [
    {
      kind: 'GET /auth/me',
      weight: 20,
      run: async (actor) => {
        const answer = await send('GET', '/api/v1/auth/me', actor.token);
        const { id, role } = answer.body;
        return {
          answer,
          problem:
            answer.status === 200 && (id !== actor.id || role !== actor.role)
              ? `answered ${String(role)} ${String(id)}`
              : undefined,
        };
      },
    },
    {
      kind: 'GET /users',
      weight: 10,
      run: async (actor) => {
        const answer = await send('GET', '/api/v1/users', actor.token);
        const ids = ((answer.body.data ?? []) as Array<{ id: string }>).map((user) => user.id);
        const allThere = actors.every((someone) => ids.includes(someone.id));
        return { answer, problem: answer.status === 200 && !allThere ? `listed ${ids.join(',')}` : undefined };
      },
    },
    {
      kind: 'PATCH /auth/me',
      weight: 10,
      run: async (actor) => {
        const name = `${actor.baseName} ${next()}`;
        const answer = await send('PATCH', '/api/v1/auth/me', actor.token, { name });
        const wrong = answer.body.id !== actor.id || answer.body.name !== name || answer.body.role !== actor.role;
        return {
          answer,
          problem: answer.status === 200 && wrong ? `answered ${JSON.stringify(answer.body).slice(0, 200)}` : undefined,
        };
      },
    },
    {
      // The viewer and the staff member try to make themselves admins; the admin re-sets the
      // staff member's role to what it is.
      kind: 'PATCH /users/:id role',
      weight: 10,
      run: async (actor) => {
        const target = actor === admin ? staff : actor;
        const role = actor === admin ? 'staff' : 'admin';
        const answer = await send('PATCH', `/api/v1/users/${target.id}`, actor.token, { role });
        const wrong = answer.body.id !== target.id || answer.body.role !== 'staff';
        return {
          answer,
          problem: answer.status === 200 && wrong ? `answered ${JSON.stringify(answer.body).slice(0, 200)}` : undefined,
        };
      },
    },
    {
      kind: 'GET /organizations/:id',
      weight: 20,
      run: async (actor) => {
        const asked = organizations[Math.floor(Math.random() * organizations.length)];
        const answer = await send('GET', `/api/v1/organizations/${asked.id}`, actor.token);
        const wrong = answer.body.id !== asked.id || answer.body.name !== asked.name;
        return {
          answer,
          problem: answer.status === 200 && wrong ? `asked ${asked.id}, answered ${String(answer.body.id)}` : undefined,
        };
      },
    },
    {
      kind: 'GET /organizations',
      weight: 15,
      run: async (actor) => {
        const answer = await send('GET', '/api/v1/organizations', actor.token);
        return { answer, problem: answer.status === 200 && !Array.isArray(answer.body.data) ? 'no data' : undefined };
      },
    },
    {
      kind: 'POST /organizations',
      weight: 15,
      run: async (actor) => {
        const name = `Embedded partner ${next()}`;
        const answer = await send('POST', '/api/v1/organizations', actor.token, { name });
        if (answer.status === 201) {
          organizations.push({ id: answer.body.id as string, name });
          result.created.push(name);
        }
        return {
          answer,
          problem:
            answer.status === 201 && answer.body.name !== name ? `created ${String(answer.body.name)}` : undefined,
        };
      },
    },
  ];
  const totalWeight = operations.reduce((sum, op) => sum + op.weight, 0);
  const pick = () => {
    let roll = Math.random() * totalWeight;
    return operations.find((op) => (roll -= op.weight) < 0) ?? operations[0];
  };

  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (performance.now() < deadline) {
        const actor = actors[Math.floor(Math.random() * actors.length)];
        const op = pick();
        try {
          const { answer, problem } = await op.run(actor);
          result.answers.push({ kind: op.kind, role: actor.role, answer });
          const status = STORY_EXPECTED[op.kind][actor.role];
          if (answer.status !== status)
            result.wrong.push(
              `${op.kind} by ${actor.role}: ${answer.status} instead of ${status} ${JSON.stringify(answer.body).slice(0, 200)}`,
            );
          else if (problem) result.wrong.push(`${op.kind} by ${actor.role}: ${problem}`);
        } catch (error) {
          result.networkErrors += 1;
          result.wrong.push(`${op.kind} by ${actor.role}: ${(error as Error).message}`);
        }
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
