import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { authConfig, AuthConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { TooManyLoginAttemptsError } from './sign-in.errors';

/**
 * Failed logins are counted in Redis (rate-limiter-flexible), so the limits hold across every
 * API process; while Redis is down an in-process limiter stands in so they never silently
 * disappear. Three counts, each over a window of LOGIN_BLOCK_MINUTES:
 *
 * - per account and address: the one that blocks. Past LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP
 *   failures that address gets 429 (with Retry-After) for that account, even for the right
 *   password, for LOGIN_BLOCK_MINUTES. Nobody else is affected.
 * - per account (all addresses) and per address (all accounts): far higher, and never a
 *   lockout. Past either, the account or the address counts as under attack, and an address
 *   that has already failed for the account is blocked after its second failure instead of
 *   its fifth. An address that has not failed for the account still signs in as usual, so
 *   guessing from elsewhere cannot lock a librarian out, and one guesser on a branch's shared
 *   network cannot lock out the colleagues behind the same address.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly perAccountAndIp: RateLimiterAbstract;
  private readonly perAccount: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  private readonly blockSeconds: number;

  constructor(redis: RedisService, @Inject(authConfig.KEY) config: AuthConfig) {
    this.blockSeconds = config.login.blockMinutes * 60;
    const build = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis.client,
        keyPrefix: redis.key('login', name),
        points,
        duration: this.blockSeconds,
        insuranceLimiter: new RateLimiterMemory({ points, duration: this.blockSeconds }),
      });
    this.perAccountAndIp = build('account-ip', config.login.maxFailuresPerAccountAndIp);
    this.perAccount = build('account', config.login.maxFailuresPerAccount);
    this.perIp = build('ip', config.login.maxFailuresPerIp);
  }

  /** Throws TooManyLoginAttemptsError (429 with Retry-After) while this address is blocked for this account. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [pair, account, address] = await Promise.all([
      this.perAccountAndIp.get(pairKey(email, ip)),
      this.perAccount.get(accountKey(email)),
      this.perIp.get(addressKey(ip)),
    ]);
    if (pair && pair.consumedPoints >= this.allowance(account, address)) {
      throw new TooManyLoginAttemptsError(Math.ceil(Math.max(pair.msBeforeNext, 1000) / 1000));
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const key = pairKey(email, ip);
    const [pair, account, address] = await Promise.all([
      this.perAccountAndIp.consume(key).catch(limitReached),
      this.perAccount.consume(accountKey(email)).catch(limitReached),
      this.perIp.consume(addressKey(ip)).catch(limitReached),
    ]);
    // The block runs LOGIN_BLOCK_MINUTES from the failure that reached the allowance.
    if (pair.consumedPoints >= this.allowance(account, address))
      await this.perAccountAndIp.block(key, this.blockSeconds);
  }

  /**
   * A successful login clears this address's failures for the account. The account-wide and
   * address-wide counts stay: a success does not mean the guessing elsewhere has stopped.
   */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.perAccountAndIp.delete(pairKey(email, ip));
  }

  /** Failures an address may make for an account: fewer while either is under attack. */
  private allowance(account: RateLimiterRes | null, address: RateLimiterRes | null): number {
    const underAttack =
      (account?.consumedPoints ?? 0) >= this.perAccount.points || (address?.consumedPoints ?? 0) >= this.perIp.points;
    return underAttack ? Math.min(UNDER_ATTACK_ALLOWANCE, this.perAccountAndIp.points) : this.perAccountAndIp.points;
  }
}

/** Failures per account and address while either is under attack: one typo, then the right password. */
const UNDER_ATTACK_ALLOWANCE = 2;

/** Redis keys hold a hash of the email, not the address itself. */
function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

function pairKey(email: string, ip: string): string {
  return createHash('sha256')
    .update(`${email.trim().toLowerCase()}\n${addressKey(ip)}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * The source address as the limits count it: IPv4 as is (also IPv4-mapped IPv6, as a dual-stack
 * listener reports it); IPv6 by its /64, since one host usually holds a whole /64 and could
 * otherwise take a fresh address for every guess.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  const address = ip.split('%')[0];
  if (!isIPv6(address)) return ip;
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

function limitReached(error: unknown): RateLimiterRes {
  if (error instanceof RateLimiterRes) return error;
  throw error;
}
