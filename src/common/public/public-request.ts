import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendPublicPage } from './public-page';

/**
 * What a public POST (no account; the token in the path is the credential) carries on its
 * request between the steps that handle it: PublicLinkGuard leaves what it resolved the token
 * to, PublicBodyInterceptor the body as it was posted, and PublicPageFilter reads both to show
 * a form again with its errors.
 */
interface PublicPostState {
  /** What the token names (the surface's own type), and the id it is counted by. */
  link?: { value: unknown; id: string };
  /** The body as posted: a form's flat fields or the JSON, for showing the answers again. */
  posted?: PostedBody;
}

export interface PostedBody {
  body: unknown;
  isForm: boolean;
}

const STATE = Symbol('publicPost');
type WithState = Request & { [STATE]?: PublicPostState };

function stateOf(request: Request): PublicPostState {
  const carrier = request as WithState;
  carrier[STATE] ??= {};
  return carrier[STATE];
}

export function setPublicLink(request: Request, value: unknown, id: string): void {
  stateOf(request).link = { value, id };
}

/** What the route's PublicLinkGuard resolved the token to, with the id it was counted by; undefined before it ran. */
export function publicLinkOf(request: Request): { value: unknown; id: string } | undefined {
  return stateOf(request).link;
}

export function setPostedBody(request: Request, posted: PostedBody): void {
  stateOf(request).posted = posted;
}

export function postedBodyOf(request: Request): PostedBody | undefined {
  return stateOf(request).posted;
}

/**
 * The handler's parameter for what the route's PublicLinkGuard resolved the token to (the
 * guard's type parameter: the guard and the parameter are declared side by side on the route).
 */
export const PublicLink = createParamDecorator((_data: unknown, context: ExecutionContext): unknown => {
  const link = publicLinkOf(context.switchToHttp().getRequest<Request>());
  if (!link) throw new Error('@PublicLink() needs a PublicLinkGuard on its route');
  return link.value;
});

/** A post of an HTML form (urlencoded flat fields) rather than a JSON body. */
export function isFormPost(request: Request): boolean {
  return typeof request.is('application/x-www-form-urlencoded') === 'string';
}

/**
 * Whether a public route answers with a page rather than JSON or problem details: the pages
 * themselves (GET), form posts, and clients that prefer text/html to JSON.
 */
export function wantsHtml(request: Request): boolean {
  return (
    request.method === 'GET' ||
    request.method === 'HEAD' ||
    isFormPost(request) ||
    request.accepts(['application/json', 'text/html']) === 'text/html'
  );
}

/** A public POST's success: the page for browsers, `json` for every other client. */
export function sendCreated(request: Request, response: Response, json: object, page: () => string): void {
  if (wantsHtml(request)) sendPublicPage(response, 201, page());
  else response.status(201).json(json);
}
