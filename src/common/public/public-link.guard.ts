import { CanActivate, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { PublicRateLimiter } from '../rate-limit/public-rate-limit';
import { setPublicLink } from './public-request';

/**
 * The door of a public POST (no account: the token in the path is the credential). In this
 * order, so a flood is refused before any lookup and nothing is read from the body of a post
 * that cannot count: the post is counted against the client's address; the token is resolved
 * (the surface's 404 for a forged or unknown one); the post is counted against what the token
 * names (from this address, where the surface limits that, then from everyone); the surface may still refuse it (an answered or closed check-in). What the token
 * resolved to is left for the handler's `@PublicLink()` and for PublicPageFilter.
 *
 * One subclass per surface says how its tokens resolve and what they are counted by; the routes
 * run after the global guards and must also be `@Public()`.
 */
export abstract class PublicLinkGuard<T> implements CanActivate {
  protected constructor(private readonly limiter: PublicRateLimiter) {}

  /** What the token names; the surface's not-found DomainError for a forged, malformed or unknown one. */
  protected abstract resolve(token: string): Promise<T>;

  /** The id a link's posts are counted by (never the token). */
  protected abstract idOf(link: T): string;

  /** Refuses, with a DomainError, a link that resolves but takes no post; after both limits. */
  protected admit(_link: T): void {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const ip = request.ip ?? 'unknown';
    await this.limiter.consumeIp(ip);
    const link = await this.resolve(String(request.params.token));
    const id = this.idOf(link);
    await this.limiter.consumeLink(id, ip);
    this.admit(link);
    setPublicLink(request, link, id);
    return true;
  }
}
