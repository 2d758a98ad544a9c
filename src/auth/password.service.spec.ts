import * as argon2 from 'argon2';
import { ARGON2_OPTIONS, PasswordService } from './password.service';

describe(PasswordService.name, () => {
  const service = new PasswordService();

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
});
