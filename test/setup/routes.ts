import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ApplicationConfig, ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { Permission } from '@tandem/shared';
import { IS_PUBLIC_KEY, PERMISSION_KEY } from '../../src/auth/auth.decorators';

export interface RegisteredRoute {
  /** e.g. "GET /api/v1/users/:id" */
  key: string;
  method: string;
  path: string;
  isPublic: boolean;
  permission?: Permission;
}

function joinPath(...parts: string[]): string {
  return `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;
}

interface ExcludedRoute {
  pathRegex: RegExp;
  requestMethod: RequestMethod;
}

/**
 * Every route the running app registered, read from the controllers' own metadata, at the
 * path it is served: under the global prefix unless the app excluded it (app.setup.ts
 * GLOBAL_PREFIX_EXCLUDE, tested as Nest tests it: against the declared path).
 */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const reflector = app.get(Reflector);
  const config = app.get(ApplicationConfig);
  const prefix = config.getGlobalPrefix();
  const excluded = (config.getGlobalPrefixOptions().exclude ?? []) as unknown as ExcludedRoute[];
  const isExcluded = (path: string, method: RequestMethod) =>
    excluded.some(
      (route) =>
        (route.requestMethod === RequestMethod.ALL || route.requestMethod === method) && route.pathRegex.test(path),
    );
  const routes: RegisteredRoute[] = [];
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
  for (const wrapper of controllers) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!controller) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const declared = joinPath(base, path);
      const fullPath = isExcluded(declared, method) ? declared : joinPath(prefix, declared);
      const verb = RequestMethod[method];
      routes.push({
        key: `${verb} ${fullPath}`,
        method: verb,
        path: fullPath,
        isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [handler, controller]) === true,
        permission: reflector.getAllAndOverride<Permission>(PERMISSION_KEY, [handler, controller]),
      });
    }
  }
  return routes;
}
