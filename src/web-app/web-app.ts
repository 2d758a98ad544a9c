import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import expressStaticGzip from 'express-static-gzip';
import type { NextFunction, Request, Response } from 'express';

/** Where `npm run build` puts the web app (web/vite.config.ts `build.outDir`), from the repository root. */
export const WEB_APP_BUILD_DIR = join('web', 'dist');

/**
 * The built web app's folder, or null when it has not been built. Found from this file upwards
 * (the first folder with a package.json is the repository root), so it is the same whether the
 * code runs compiled from dist/src or as TypeScript under Jest.
 */
export function findWebAppDir(from: string = __dirname): string | null {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const built = join(dir, WEB_APP_BUILD_DIR);
      return existsSync(join(built, 'index.html')) ? built : null;
    }
    if (dirname(dir) === dir) return null;
  }
}

/** True when `path` is `/<prefix>` or below it, for one of the prefixes. */
export function isUnderPrefix(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => path === `/${prefix}` || path.startsWith(`/${prefix}/`));
}

/**
 * Serves the single-page app: its hashed files under /assets (cached for a year, sent as the
 * build's brotli or gzip copy when the browser takes one), other files
 * at the top of the build (cached briefly), and index.html (never cached without revalidation)
 * for any other GET that a browser navigates to, so client-side routes such as
 * /organizations/<id> load the app. Paths under `serverPrefixes` (the API, the public feedback,
 * check-in and unsubscribe pages) are never touched: they reach Nest, including its 404s.
 * A path whose last segment has a dot (a missing file) or a request that does not accept HTML
 * is not answered with index.html either, so it gets Nest's 404.
 */
export function serveWebApp(app: NestExpressApplication, dir: string, serverPrefixes: readonly string[]): void {
  const index = join(dir, 'index.html');
  const router = express.Router();
  // Each asset's brotli and gzip copies, made by the build (web/scripts/precompress.cjs), go as they are.
  router.use(
    '/assets',
    expressStaticGzip(join(dir, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { index: false, immutable: true, maxAge: '365d' },
    }),
  );
  router.use(express.static(dir, { index: false, maxAge: '1h' }));
  router.get('/{*path}', (request: Request, response: Response, next: NextFunction) => {
    const lastSegment = request.path.slice(request.path.lastIndexOf('/') + 1);
    if (lastSegment.includes('.') || !request.accepts('html')) {
      next();
      return;
    }
    response.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } }, (error?: Error) => {
      if (error) next(error);
    });
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (isUnderPrefix(request.path, serverPrefixes)) next();
    else router(request, response, next);
  });
}
