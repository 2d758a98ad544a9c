import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import * as argon2 from 'argon2';
import { authConfig, AuthConfig } from '../config/configuration';
import type { PasswordHashCost } from '../config/env.schema';

/**
 * argon2id with OWASP's recommended minimum (19 MiB memory, 2 iterations, 1 lane). Hashes
 * made with weaker parameters are upgraded on the next successful login (`needsRehash`).
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * PASSWORD_HASH_COST=test: still argon2id, at 1 MiB and 1 pass (about 1 ms instead of 40 ms of
 * CPU a sign-in), so the test suite's sign-ins do not dominate its run time. Never for real
 * accounts: the configuration refuses it when NODE_ENV=production.
 */
export const TEST_ARGON2_OPTIONS = { ...ARGON2_OPTIONS, memoryCost: 1024, timeCost: 1 } as const;

type Argon2Options = typeof ARGON2_OPTIONS | typeof TEST_ARGON2_OPTIONS;

export function argon2Options(cost: PasswordHashCost): Argon2Options {
  return cost === 'test' ? TEST_ARGON2_OPTIONS : ARGON2_OPTIONS;
}

/** The argon2 version hashes are made with (1.3, `v=19`). */
const ARGON2_VERSION = 0x13;

/** The version, `m` (KiB) and `t` of a PHC string such as `$argon2id$v=19$m=19456,p=1,t=2$…`. */
function parameters(hash: string): { version: number; memoryCost: number; timeCost: number } | null {
  const [, , version, list] = hash.split('$');
  const params = new Map((list ?? '').split(',').map((pair) => pair.split('=') as [string, string]));
  const numbers = [version?.replace(/^v=/, ''), params.get('m'), params.get('t')].map(Number);
  if (!numbers.every((n) => Number.isInteger(n) && n > 0)) return null;
  const [v, m, t] = numbers;
  return { version: v, memoryCost: m, timeCost: t };
}

@Injectable()
export class PasswordService implements OnApplicationBootstrap {
  private readonly options: Argon2Options;
  /** A hash to verify against when the account does not exist, so timing reveals nothing. */
  private readonly decoyHash: Promise<string>;

  constructor(@Inject(authConfig.KEY) private readonly config: Pick<AuthConfig, 'passwordHashCost'>) {
    this.options = argon2Options(config.passwordHashCost);
    this.decoyHash = argon2.hash('tandem-decoy-password', this.options);
  }

  /** Said once the app's logger is in place (the constructor runs before it is). */
  onApplicationBootstrap(): void {
    if (this.config.passwordHashCost === 'test')
      new Logger(PasswordService.name).warn('passwords are hashed at the test-only cost (PASSWORD_HASH_COST=test)');
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      await argon2.verify(await this.decoyHash, password).catch((error: unknown) => this.failed(error));
      return false;
    }
    return argon2.verify(hash, password).catch((error: unknown) => this.failed(error));
  }

  /**
   * A verification that could not run (a malformed stored hash, the hashing pool out of memory)
   * still refuses the password, but is logged: it is not a wrong password and someone must look.
   */
  private failed(error: unknown): false {
    new Logger(PasswordService.name).error(
      `a password could not be verified: ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }

  /**
   * True when the hash is weaker than the configured cost (less memory, fewer passes, an older
   * argon2 version), so it is made again at the next successful login. Never the other way: a
   * stronger hash (say, made before PASSWORD_HASH_COST=test was set) is kept as it is.
   */
  needsRehash(hash: string): boolean {
    if (!argon2.needsRehash(hash, this.options)) return false;
    const made = parameters(hash);
    return (
      !made ||
      made.version < ARGON2_VERSION ||
      made.memoryCost < this.options.memoryCost ||
      made.timeCost < this.options.timeCost
    );
  }
}
