import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabaseError } from './embedded-database.error';
import { assertReachable } from './embedded-postgres-account';
import { loadBinaries } from './embedded-postgres';

jest.mock('node:os', () => {
  const actual = jest.requireActual<typeof import('node:os')>('node:os');
  return { ...actual, platform: jest.fn(actual.platform), arch: jest.fn(actual.arch) };
});

describe('embedded PostgreSQL', () => {
  // Finding the programs on a supported platform is covered end to end (test/e2e/processes).
  describe('loadBinaries', () => {
    afterEach(() => jest.restoreAllMocks());

    it('names DATABASE_URL as the way out on a platform without a binary package', async () => {
      const os = jest.requireMock<{ platform: jest.Mock; arch: jest.Mock }>('node:os');
      os.platform.mockReturnValue('aix');
      os.arch.mockReturnValue('ppc64');
      const failure = loadBinaries();
      await expect(failure).rejects.toBeInstanceOf(EmbeddedDatabaseError);
      await expect(failure).rejects.toThrow(/no embedded PostgreSQL for this platform \(aix-ppc64.*set DATABASE_URL/);
    });
  });

  describe('assertReachable', () => {
    const account = { name: 'postgres', uid: 54321, gid: 54321 };
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'tandem-reach-'));
      mkdirSync(join(root, 'a', 'b'), { recursive: true });
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('names the folder the account cannot pass and what to do', () => {
      chmodSync(root, 0o755);
      chmodSync(join(root, 'a'), 0o700);
      expect(() => assertReachable(join(root, 'a', 'b', 'pg'), account, 'its data in')).toThrow(
        new RegExp(`cannot pass through ${join(root, 'a')} to reach its data in .*chmod o\\+x ${join(root, 'a')}`),
      );
    });

    it('lets the account through folders others may search', () => {
      chmodSync(root, 0o711);
      chmodSync(join(root, 'a'), 0o751);
      chmodSync(join(root, 'a', 'b'), 0o711);
      expect(() => assertReachable(join(root, 'a', 'b', 'pg'), account, 'its data in')).not.toThrow();
    });
  });
});
