import { Logger as NestLogger, RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import { constants as zlib } from 'node:zlib';
import type { Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ProblemDetailsFilter } from './common/filters/problem-details.filter';
import { setupOpenApi } from './app.openapi';
import { createValidationPipe } from './common/pipes/validation';
import { appConfig, AppConfig } from './config/configuration';
import { findWebAppDir, isUnderPrefix, serveWebApp } from './web-app/web-app';

/** JSON bodies above this are refused with 413 before any handler runs. */
export const JSON_BODY_LIMIT = '1mb';

/** A RouteInfo (`{path, method}`), the type Nest's `setGlobalPrefix` excludes take. */
type GlobalPrefixExclusion = Exclude<
  NonNullable<NonNullable<Parameters<NestExpressApplication['setGlobalPrefix']>[1]>['exclude']>[number],
  string
>;

/**
 * Routes served outside the `api/v1` prefix: the public feedback page (GET /feedback/:token),
 * the address printed on flyers and QR codes, and the unsubscribe link of reminder emails. Nest tests an exclusion
 * against each route's declared path, and `feedback/:token` as a pattern would also match
 * the staff route `feedback/:id` (GET /api/v1/feedback/:id), so the colon is escaped: the
 * exclusion matches the declared path "feedback/:token" literally, i.e. exactly this route.
 */
export const GLOBAL_PREFIX_EXCLUDE: GlobalPrefixExclusion[] = [
  { path: 'feedback/\\:token', method: RequestMethod.GET },
  // The unsubscribe link in reminder emails to partner contacts (a page, and RFC 8058 one-click POST).
  { path: 'unsubscribe/\\:token', method: RequestMethod.GET },
  { path: 'unsubscribe/\\:token', method: RequestMethod.POST },
  // The link in check-in emails: one respondent's survey page (it posts to /api/v1/public/check-ins/:token).
  { path: 'check-in/\\:token', method: RequestMethod.GET },
];

/**
 * Paths the server answers itself; the web app (served at every other path) never shadows them:
 * the API and its docs, and the first segment of every route kept outside the prefix (the public
 * feedback, check-in and unsubscribe pages).
 */
export const SERVER_PATH_PREFIXES: readonly string[] = [
  ...new Set([
    'api',
    'feedback',
    'check-in',
    'unsubscribe',
    ...GLOBAL_PREFIX_EXCLUDE.map((route) => route.path.split('/')[0]),
  ]),
];

/** The API's prefix on every route but the exclusions; also used where the OpenAPI document is built without a server. */
export function setApiPrefix(app: NestExpressApplication): void {
  app.setGlobalPrefix('api/v1', { exclude: GLOBAL_PREFIX_EXCLUDE });
}

/**
 * `Cache-Control: no-store` on every answer the server makes itself (the API, errors included,
 * and the public pages, whose addresses carry tokens): they hold personal data and must not be
 * kept by a browser or a proxy. Set before anything runs, so a 401, a 404 or a body-parser 400
 * carries it too; a route may still choose otherwise (the calendar feed revalidates with ETags).
 * The web app's static files keep their own caching (web-app/web-app.ts).
 */
export function noStoreForServerPaths(
  prefixes: readonly string[],
): (req: Request, res: Response, next: () => void) => void {
  return (req, res, next) => {
    if (isUnderPrefix(req.path, prefixes)) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/** Answers smaller than this go as they are: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Compresses what the server sends when the client accepts it (brotli, else gzip): API answers
 * (a dashboard's 1.1 MB of JSON is about 170 kB gzipped) and the web app's files (814 kB of
 * JavaScript are about 250 kB). Brotli at quality 4 compresses better than gzip at about its
 * speed; its default, 11, is meant for files compressed once, and would cost tens of
 * milliseconds of CPU an answer. The hashed assets are cached by browsers for a year, so each
 * is compressed for a browser once.
 */
export function compressAnswers(): ReturnType<typeof compression> {
  return compression({
    threshold: COMPRESSION_THRESHOLD_BYTES,
    brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
}

/** JSON keys that could reach an object's prototype are refused as malformed input (400). */
export function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    throw new SyntaxError(`The JSON key "${key}" is not allowed`);
  }
  return value;
}

/**
 * Everything the HTTP app needs besides its modules, shared by main.ts and the e2e tests so
 * they exercise exactly what runs in production.
 */
export function configureHttpApp(app: NestExpressApplication): AppConfig {
  const config = app.get<AppConfig>(appConfig.KEY);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(noStoreForServerPaths(SERVER_PATH_PREFIXES));
  app.use(compressAnswers());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI styles itself inline.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          // Only ask browsers to upgrade to https when Tandem is served over https.
          'upgrade-insecure-requests': config.publicUrl.startsWith('https:') ? [] : null,
        },
      },
    }),
  );
  const webAppDir = findWebAppDir();
  if (webAppDir) serveWebApp(app, webAppDir, SERVER_PATH_PREFIXES);
  else
    new NestLogger('WebApp').warn('The web app is not built (web/dist is missing): run npm run build to serve it at /');
  app.enableCors({ origin: config.publicUrl, credentials: true, exposedHeaders: ['X-Request-Id', 'Retry-After'] });
  app.use(cookieParser());
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT, reviver: refuseProtoKeys });
  app.useBodyParser('urlencoded', { limit: JSON_BODY_LIMIT, extended: false });
  setApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  setupOpenApi(app, config.publicUrl);
  return config;
}
