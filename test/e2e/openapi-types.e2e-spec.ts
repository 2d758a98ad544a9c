import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { createTestApp, TestApp } from '../setup/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'api-types.js');

/** Runs scripts/api-types.js; resolves with its exit code and output instead of throwing. */
async function apiTypes(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT, ...args], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('web/src/api/schema.d.ts, the web app types generated from the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let served: { paths: Record<string, unknown>; servers?: unknown };
  let folder: string;

  beforeAll(async () => {
    t = await createTestApp();
    served = (await request(t.http).get('/api/docs-json').expect(200)).body;
    folder = mkdtempSync(join(tmpdir(), 'tandem-openapi-'));
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await t?.close();
  });

  it('is current: generating types from the document the app serves gives the committed file', async () => {
    const documentFile = join(folder, 'served.json');
    writeFileSync(documentFile, JSON.stringify(served));
    const result = await apiTypes('--check', '--document', documentFile);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('notices a stale file: a document with one more route fails the check', async () => {
    const changed = {
      ...served,
      paths: { ...served.paths, '/api/v1/made-up': { get: { responses: { 200: { description: 'ok' } } } } },
    };
    const documentFile = join(folder, 'changed.json');
    writeFileSync(documentFile, JSON.stringify(changed));
    const result = await apiTypes('--check', '--document', documentFile);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('web/src/api/schema.d.ts is stale');
  });

  it('`npm run api:types` builds, without any database, the document the running app serves', async () => {
    const result = await apiTypes('--print-document');
    expect(result.code).toBe(0);
    const built = JSON.parse(result.stdout) as typeof served;
    expect({ ...built, servers: undefined }).toEqual({ ...served, servers: undefined });
  });
});
