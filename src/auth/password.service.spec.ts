import * as argon2 from 'argon2';
import { ARGON2_OPTIONS, PasswordService } from './password.service';

describe(PasswordService.name, () => {
  const service = new PasswordService({ passwordHashCost: 'standard' });

  it('hashes with argon2id at the OWASP parameters', async () => {
    const hash = await service.hash('a long enough secret');
    expect(hash).toMatch(/^\$argon2id\$v=19\$(?=[^$]*m=19456)(?=[^$]*t=2)(?=[^$]*p=1)/);
    expect(await service.verify(hash, 'a long enough secret')).toBe(true);
    expect(await service.verify(hash, 'another secret entirely')).toBe(false);
  });

  it('says a hash made with weaker parameters needs rehashing', async () => {
    const old = await argon2.hash('a long enough secret', { ...ARGON2_OPTIONS, memoryCost: 4096, timeCost: 1 });
    expect(service.needsRehash(old)).toBe(true);
    expect(service.needsRehash(await service.hash('a long enough secret'))).toBe(false);
  });

  it('never verifies when there is no hash', async () => {
    expect(await service.verify(null, 'anything at all')).toBe(false);
  });

  describe('at the test-only cost', () => {
    const cheap = new PasswordService({ passwordHashCost: 'test' });

    it('still hashes with argon2id, at 1 MiB and 1 pass', async () => {
      const hash = await cheap.hash('a long enough secret');
      expect(hash).toMatch(/^\$argon2id\$v=19\$(?=[^$]*m=1024)(?=[^$]*t=1)(?=[^$]*p=1)/);
      expect(await cheap.verify(hash, 'a long enough secret')).toBe(true);
      expect(await cheap.verify(hash, 'another secret entirely')).toBe(false);
    });

    it('never rehashes a stronger hash down to it, and the standard cost upgrades its hashes', async () => {
      const strong = await service.hash('a long enough secret');
      expect(cheap.needsRehash(strong)).toBe(false);
      expect(service.needsRehash(await cheap.hash('a long enough secret'))).toBe(true);
    });
  });
});
