import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SERVER_PATH_PREFIXES } from '../../src/app.setup';
import { findWebAppDir, isUnderPrefix } from '../../src/web-app/web-app';
import { createTestApp, TestApp } from '../setup/test-app';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the web app served by the Nest app (e2e)', () => {
  let t: TestApp;
  let webDir: string;
  let scriptFile: string;

  beforeAll(async () => {
    const found = findWebAppDir();
    if (!found) throw new Error('web/dist is missing: run `npm run build` (npm test does) before the e2e tests');
    webDir = found;
    scriptFile = readdirSync(join(webDir, 'assets')).find((file) => file.endsWith('.js'))!;
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('serves the app at / with a CSP that allows only its own scripts and styles', async () => {
    const response = await request(t.http).get('/').set('Accept', HTML).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('<div id="root"></div>');
    expect(response.headers['cache-control']).toBe('no-cache');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src-attr 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    // Every script the page loads is a file of its own origin; no inline script needs 'unsafe-inline'.
    const scripts = [...response.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toMatch(/src="\/assets\/[^"]+\.js"/);
  });

  it('answers client-side routes with the app, so a reload or a shared link works', async () => {
    for (const path of [
      '/organizations',
      '/organizations/0b7f8b5e-8d0e-4d55-9a53-0f5b0c7e9a11',
      '/sign-in',
      '/setup',
      '/no/such/screen',
    ]) {
      const response = await request(t.http).get(path).set('Accept', HTML).expect(200);
      expect(response.text).toContain('<div id="root"></div>');
    }
    const withQuery = await request(t.http)
      .get('/organizations?stage=active&q=shelter')
      .set('Accept', HTML)
      .expect(200);
    expect(withQuery.text).toContain('<div id="root"></div>');
  });

  it('serves the hashed assets for a year and other files briefly', async () => {
    const asset = await request(t.http).get(`/assets/${scriptFile}`).expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await request(t.http).get('/favicon.svg').expect(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  /** A GET as a browser sends it, answered by the raw bytes on the wire (no decompression) and the headers. */
  const fetchRaw = async (path: string, encoding: string) => {
    const server = t.http;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new Promise<{ bytes: number; headers: Record<string, unknown> }>((resolve, reject) => {
      get({ port, host: '127.0.0.1', path, headers: { 'Accept-Encoding': encoding, Accept: HTML } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve({ bytes, headers: response.headers }));
        response.on('error', reject);
      }).on('error', reject);
    });
  };

  it('loads the app the first time in under 300 kB on the wire: every file it starts with compressed', async () => {
    const index = await request(t.http).get('/').set('Accept', HTML).expect(200);
    const files = [...index.text.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]);
    expect(files.length).toBeGreaterThan(3);
    let total = (await fetchRaw('/', 'br, gzip')).bytes;
    let plain = 0;
    for (const file of files) {
      const compressed = await fetchRaw(file, 'gzip, deflate, br');
      plain += (await fetchRaw(file, 'identity')).bytes;
      if (compressed.bytes >= 1024) expect(compressed.headers['content-encoding']).toBe('br');
      expect(compressed.headers.vary).toMatch(/Accept-Encoding/i);
      total += compressed.bytes;
    }
    console.log(
      `first load: ${files.length + 1} files, ${Math.round(total / 1024)} kB on the wire (${Math.round(plain / 1024)} kB uncompressed)`,
    );
    expect(total).toBeLessThan(300 * 1024);
    expect(plain).toBeGreaterThan(total * 2);
  });

  it('compresses API answers for clients that accept it (gzip too), not the small ones', async () => {
    const docs = await fetchRaw('/api/docs-json', 'gzip');
    expect(docs.headers['content-encoding']).toBe('gzip');
    const whole = await fetchRaw('/api/docs-json', 'identity');
    expect(whole.headers['content-encoding']).toBeUndefined();
    expect(docs.bytes).toBeLessThan(whole.bytes / 4);
    const small = await fetchRaw('/api/v1/health', 'gzip, br');
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('leaves the API to Nest: unknown API paths are problem details, not the app', async () => {
    const response = await request(t.http).get('/api/v1/no-such-thing').set('Accept', HTML).expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(t.http).get('/api/v1/health').set('Accept', HTML).expect(200).expect('Content-Type', /json/);
    const docs = await request(t.http).get('/api/docs-json').expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
  });

  it('leaves the public feedback, check-in and unsubscribe pages to their routes', async () => {
    for (const path of ['/feedback/not-a-token', '/unsubscribe/not-a-token', '/check-in/not-a-token']) {
      const response = await request(t.http).get(path).set('Accept', HTML);
      expect(response.text).not.toContain('<div id="root"></div>');
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
  });

  it('answers a missing file with 404, not with the app', async () => {
    for (const path of ['/assets/missing-123.js', '/robots.txt', '/organizations/export.csv']) {
      const response = await request(t.http).get(path).set('Accept', HTML);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('<div id="root"></div>');
    }
  });

  it('gives the app only to GET and HEAD, and only to requests that accept HTML', async () => {
    await request(t.http).head('/organizations').set('Accept', HTML).expect(200);
    const post = await request(t.http).post('/organizations').set('Accept', HTML).send({});
    expect(post.status).toBe(404);
    const json = await request(t.http).get('/organizations').set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.text).not.toContain('<div id="root"></div>');
  });

  it('serves nothing outside the build folder, however the path is spelled', async () => {
    for (const path of [
      '/../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/.env',
    ]) {
      const response = await request(t.http).get(path).set('Accept', HTML);
      expect(response.text).not.toContain('"name": "tandem"');
      expect(response.status).not.toBe(500);
    }
  });

  it('keeps the server prefixes complete: every route outside /api is under one of them', () => {
    expect(SERVER_PATH_PREFIXES).toEqual(expect.arrayContaining(['api', 'feedback', 'check-in', 'unsubscribe']));
    expect(isUnderPrefix('/api', SERVER_PATH_PREFIXES)).toBe(true);
    expect(isUnderPrefix('/feedback/abc', SERVER_PATH_PREFIXES)).toBe(true);
    expect(isUnderPrefix('/feedbackx', SERVER_PATH_PREFIXES)).toBe(false);
    expect(isUnderPrefix('/organizations', SERVER_PATH_PREFIXES)).toBe(false);
  });
});

describe('findWebAppDir', () => {
  it('finds web/dist from the repository root and returns null where nothing was built', () => {
    expect(findWebAppDir()).toMatch(/web[/\\]dist$/);
    const empty = mkdtempSync(join(tmpdir(), 'tandem-web-'));
    writeFileSync(join(empty, 'package.json'), '{}');
    try {
      expect(findWebAppDir(join(empty, 'src', 'web-app'))).toBeNull();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
