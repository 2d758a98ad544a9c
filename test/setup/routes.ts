import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { IS_PUBLIC_KEY, PERMISSION_KEY } from '../../src/common/decorators/auth.decorators';
import type { Permission } from '../../src/auth/permissions';

export interface RegisteredRoute {
  /** e.g. "GET /api/v1/users/:id" */
  key: string;
  method: string;
  path: string;
  isPublic: boolean;
  permission?: Permission;
}

const GLOBAL_PREFIX = '/api/v1';

function joinPath(...parts: string[]): string {
  return `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
}

/** Every route the running app registered, read from the controllers' own metadata. */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const reflector = app.get(Reflector);
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
      const fullPath = joinPath(GLOBAL_PREFIX, base, path);
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
