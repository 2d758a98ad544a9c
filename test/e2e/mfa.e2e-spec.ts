import { generate } from 'otplib';
import request from 'supertest';
import { MfaService } from '../../src/sign-in/mfa/mfa.service';
import { SECURITY_SETTINGS_AUDIT_ID } from '../../src/sign-in/mfa/security-settings.service';
import { Role } from '../../src/auth/role.enum';
import { DEFAULT_PASSWORD, login, persistUser, SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const LOGIN = '/api/v1/auth/login';

/** A code for the next 30-second step: accepted (one step of drift) and later than the step just used. */
function nextCode(secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
}

interface TwoFactor {
  secret: string;
  otpauthUri: string;
  recoveryCodes: string[];
  /** The code that confirmed the setup. */
  confirmedWith: string;
}

describe(`${MfaService.name} (e2e)`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ captureLogs: true });
  });
  afterAll(async () => t.close());
  beforeEach(async () => truncateAll(t.dataSource));

  /** Setup and enable through the API, with a code computed from the secret as an authenticator app would. */
  async function turnOn(who: SignedIn): Promise<TwoFactor> {
    const setup = await request(t.http).post('/api/v1/auth/mfa/setup').set(who.auth).expect(200);
    const code = await generate({ secret: setup.body.secret });
    const enabled = await request(t.http).post('/api/v1/auth/mfa/enable').set(who.auth).send({ code }).expect(200);
    return {
      secret: setup.body.secret,
      otpauthUri: setup.body.otpauthUri,
      recoveryCodes: enabled.body.recoveryCodes,
      confirmedWith: code,
    };
  }

  const signIn = (email: string, otp?: string) =>
    request(t.http)
      .post(LOGIN)
      .send({ email, password: DEFAULT_PASSWORD, ...(otp !== undefined && { otp }) });

  it('sets up, enables with a code, and then asks for the code at sign-in: missing → MFA_REQUIRED, wrong → MFA_INVALID, right → 200', async () => {
    const staff = await signedInAs(t, Role.Staff);
    const setup = await request(t.http).post('/api/v1/auth/mfa/setup').set(staff.auth).expect(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUri).toBe(
      `otpauth://totp/Tandem:${encodeURIComponent(staff.user.email)}?secret=${setup.body.secret}&issuer=Tandem`,
    );
    // Not in force before it is confirmed.
    await signIn(staff.user.email).expect(200);
    expect((await request(t.http).get('/api/v1/auth/me').set(staff.auth).expect(200)).body.mfaEnabled).toBe(false);

    const enabled = await request(t.http)
      .post('/api/v1/auth/mfa/enable')
      .set(staff.auth)
      .send({ code: await generate({ secret: setup.body.secret }) })
      .expect(200);
    expect(enabled.body.recoveryCodes).toHaveLength(10);
    expect(new Set(enabled.body.recoveryCodes).size).toBe(10);
    expect((await request(t.http).get('/api/v1/auth/me').set(staff.auth).expect(200)).body).toMatchObject({
      mfaEnabled: true,
      mfaSetupRequired: false,
    });

    const missing = await signIn(staff.user.email).expect(401);
    expect(missing.body).toMatchObject({ code: 'MFA_REQUIRED' });
    expect(missing.headers['set-cookie']).toBeUndefined();
    const wrong = await signIn(staff.user.email, '000000').expect(401);
    expect(wrong.body).toMatchObject({ code: 'MFA_INVALID' });
    // A wrong password stays a wrong password, whatever the code.
    const badPassword = await request(t.http)
      .post(LOGIN)
      .send({ email: staff.user.email, password: 'not the password at all', otp: await nextCode(setup.body.secret) })
      .expect(401);
    expect(badPassword.body.code).toBe('INVALID_CREDENTIALS');

    const right = await signIn(staff.user.email, await nextCode(setup.body.secret)).expect(200);
    expect(right.body.user).toMatchObject({ id: staff.user.id, mfaEnabled: true, mfaSetupRequired: false });
    await request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${right.body.accessToken}`).expect(200);
  });

  it('refuses a TOTP code used once already (replay), also when two sign-ins send it at the same moment', async () => {
    const staff = await signedInAs(t, Role.Staff);
    const { secret, confirmedWith } = await turnOn(staff);
    // The code that confirmed the setup is spent too. (That very code, not one generated now: the
    // 30-second step may have turned since, and a later step's code is rightly accepted.)
    expect((await signIn(staff.user.email, confirmedWith).expect(401)).body.code).toBe('MFA_INVALID');

    const code = await nextCode(secret);
    const answers = await Promise.all([
      signIn(staff.user.email, code),
      signIn(staff.user.email, code),
      signIn(staff.user.email, code),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401]);
    expect((await signIn(staff.user.email, code).expect(401)).body.code).toBe('MFA_INVALID');
  });

  it('accepts a recovery code once, not twice, typed with or without the hyphen', async () => {
    const staff = await signedInAs(t, Role.Staff);
    const { recoveryCodes } = await turnOn(staff);
    await signIn(staff.user.email, recoveryCodes[0]).expect(200);
    expect((await signIn(staff.user.email, recoveryCodes[0]).expect(401)).body.code).toBe('MFA_INVALID');
    await signIn(staff.user.email, recoveryCodes[1].replace('-', '').toUpperCase()).expect(200);
    const [{ unused }] = await t.dataSource.query(
      `SELECT count(*)::int AS unused FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
      [staff.user.id],
    );
    expect(unused).toBe(8);
  });

  it('keeps secrets encrypted and recovery codes hashed: the database never holds them in the clear', async () => {
    const staff = await signedInAs(t, Role.Staff);
    const { secret, recoveryCodes } = await turnOn(staff);
    const [row] = await t.dataSource.query(`SELECT secret, pending_secret FROM user_mfa WHERE user_id = $1`, [
      staff.user.id,
    ]);
    expect(row.pending_secret).toBeNull();
    expect(row.secret).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(row.secret).not.toContain(secret);
    expect(Buffer.from(row.secret.slice(3), 'base64url').toString('latin1')).not.toContain(secret);
    const hashes: { code_hash: string }[] = await t.dataSource.query(
      `SELECT code_hash FROM mfa_recovery_codes WHERE user_id = $1`,
      [staff.user.id],
    );
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) expect(code_hash).toMatch(/^\$argon2id\$/);
    // Nowhere in any table: a dump of the database gives none of them away.
    const dump = JSON.stringify(
      await t.dataSource.query(
        `SELECT (SELECT json_agg(m) FROM user_mfa m) AS mfa, (SELECT json_agg(a) FROM audit_events a) AS audit`,
      ),
    );
    for (const value of [secret, ...recoveryCodes, ...recoveryCodes.map((code) => code.replace('-', ''))])
      expect(dump).not.toContain(value);
  });

  it('counts wrong codes like wrong passwords: past the limit even the right code is 429', async () => {
    const staff = await signedInAs(t, Role.Staff);
    const { secret } = await turnOn(staff);
    let status = 401;
    let failures = 0;
    while (status === 401 && failures < 20) {
      const answer = await signIn(staff.user.email, '123456');
      status = answer.status;
      if (status === 401) {
        expect(answer.body.code).toBe('MFA_INVALID');
        failures += 1;
      }
    }
    expect(status).toBe(429);
    expect(failures).toBeLessThanOrEqual(10);
    const blocked = await signIn(staff.user.email, await nextCode(secret)).expect(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('refuses setup confirmation with a wrong code (400, still off), a second setup while on (409) and enable without setup (422)', async () => {
    const staff = await signedInAs(t, Role.Staff);
    await request(t.http).post('/api/v1/auth/mfa/enable').set(staff.auth).send({ code: '123456' }).expect(422);
    const setup = await request(t.http).post('/api/v1/auth/mfa/setup').set(staff.auth).expect(200);
    const wrong = await request(t.http)
      .post('/api/v1/auth/mfa/enable')
      .set(staff.auth)
      .send({ code: '000000' })
      .expect(400);
    expect(wrong.body).toMatchObject({ code: 'MFA_INVALID', errors: [{ field: 'code' }] });
    await signIn(staff.user.email).expect(200);
    await request(t.http)
      .post('/api/v1/auth/mfa/enable')
      .set(staff.auth)
      .send({ code: await generate({ secret: setup.body.secret }) })
      .expect(200);
    expect((await request(t.http).post('/api/v1/auth/mfa/setup').set(staff.auth).expect(409)).body.code).toBe(
      'MFA_ALREADY_ENABLED',
    );
    const bad = await request(t.http)
      .post('/api/v1/auth/mfa/enable')
      .set(staff.auth)
      .send({ code: 123456 })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it('turns off only with the password and a code; audited, and other sessions are signed out', async () => {
    const staff = await signedInAs(t, Role.Staff);
    const { secret, recoveryCodes } = await turnOn(staff);
    const other = await signIn(staff.user.email, recoveryCodes[0]).expect(200);

    const badPassword = await request(t.http)
      .post('/api/v1/auth/mfa/disable')
      .set(staff.auth)
      .send({ password: 'not my password at all', otp: recoveryCodes[1] })
      .expect(400);
    expect(badPassword.body).toMatchObject({ code: 'WRONG_PASSWORD', errors: [{ field: 'password' }] });
    const badCode = await request(t.http)
      .post('/api/v1/auth/mfa/disable')
      .set(staff.auth)
      .send({ password: DEFAULT_PASSWORD, otp: '000000' })
      .expect(400);
    expect(badCode.body).toMatchObject({ code: 'MFA_INVALID', errors: [{ field: 'otp' }] });
    await request(t.http)
      .post('/api/v1/auth/mfa/disable')
      .set(staff.auth)
      .send({ password: DEFAULT_PASSWORD })
      .expect(400);
    // The recovery code offered with the wrong password was not spent.
    const [{ unused }] = await t.dataSource.query(
      `SELECT count(*)::int AS unused FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
      [staff.user.id],
    );
    expect(unused).toBe(9);
    expect((await request(t.http).get('/api/v1/auth/me').set(staff.auth).expect(200)).body.mfaEnabled).toBe(true);

    await request(t.http)
      .post('/api/v1/auth/mfa/disable')
      .set(staff.auth)
      .send({ password: DEFAULT_PASSWORD, otp: await nextCode(secret) })
      .expect(204);
    expect((await request(t.http).get('/api/v1/auth/me').set(staff.auth).expect(200)).body.mfaEnabled).toBe(false);
    await request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${other.body.accessToken}`).expect(401);
    await signIn(staff.user.email).expect(200);
    expect(await t.dataSource.query(`SELECT 1 FROM user_mfa UNION ALL SELECT 1 FROM mfa_recovery_codes`)).toEqual([]);
    expect(
      (
        await request(t.http)
          .post('/api/v1/auth/mfa/disable')
          .set(staff.auth)
          .send({ password: DEFAULT_PASSWORD, otp: '123456' })
          .expect(409)
      ).body.code,
    ).toBe('MFA_NOT_ENABLED');

    const events = await t.dataSource.query(
      `SELECT actor_id, entity_type, entity_id, action, changes FROM audit_events ORDER BY occurred_at`,
    );
    expect(events).toEqual([
      {
        actor_id: staff.user.id,
        entity_type: 'user',
        entity_id: staff.user.id,
        action: 'update',
        changes: { mfaEnabled: { before: false, after: true } },
      },
      {
        actor_id: staff.user.id,
        entity_type: 'user',
        entity_id: staff.user.id,
        action: 'update',
        changes: { mfaEnabled: { before: true, after: false } },
      },
    ]);
  });

  it('lets an admin reset it for someone who lost their phone: off, their sessions ended, audited', async () => {
    const admin = await signedInAs(t, Role.Admin);
    const staff = await signedInAs(t, Role.Staff);
    await turnOn(staff);
    const listed = await request(t.http).get('/api/v1/users').set(admin.auth).expect(200);
    expect(listed.body.data.find((user: { id: string }) => user.id === staff.user.id)).toMatchObject({
      mfaEnabled: true,
    });

    await request(t.http).post(`/api/v1/users/${staff.user.id}/mfa-reset`).set(admin.auth).expect(204);
    await request(t.http).get('/api/v1/auth/me').set(staff.auth).expect(401);
    const again = await signIn(staff.user.email).expect(200);
    expect(again.body.user.mfaEnabled).toBe(false);
    expect(
      (await request(t.http).get(`/api/v1/users/${staff.user.id}`).set(admin.auth).expect(200)).body.mfaEnabled,
    ).toBe(false);
    const events = await t.dataSource.query(
      `SELECT actor_id, entity_type, entity_id, changes FROM audit_events WHERE actor_id = $1`,
      [admin.user.id],
    );
    expect(events).toEqual([
      {
        actor_id: admin.user.id,
        entity_type: 'user',
        entity_id: staff.user.id,
        changes: { mfaEnabled: { before: true, after: false } },
      },
    ]);
    // Again: nothing to turn off, nothing audited.
    await request(t.http).post(`/api/v1/users/${staff.user.id}/mfa-reset`).set(admin.auth).expect(204);
    expect(
      await t.dataSource.query(`SELECT entity_id, changes FROM audit_events WHERE actor_id = $1`, [admin.user.id]),
    ).toHaveLength(1);
  });

  it('keeps the reset to admins, and not for their own account', async () => {
    const admin = await signedInAs(t, Role.Admin);
    const manager = await signedInAs(t, Role.Manager);
    const staff = await signedInAs(t, Role.Staff);
    await turnOn(staff);
    for (const who of [manager, staff]) {
      const refused = await request(t.http).post(`/api/v1/users/${staff.user.id}/mfa-reset`).set(who.auth).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    await turnOn(admin);
    expect(
      (await request(t.http).post(`/api/v1/users/${admin.user.id}/mfa-reset`).set(admin.auth).expect(422)).body.code,
    ).toBe('MFA_RESET_SELF');
    await request(t.http)
      .post('/api/v1/users/00000000-0000-4000-8000-000000000000/mfa-reset')
      .set(admin.auth)
      .expect(404);
    expect((await request(t.http).get('/api/v1/auth/me').set(staff.auth).expect(200)).body.mfaEnabled).toBe(true);
    expect(await t.dataSource.query(`SELECT 1 FROM user_mfa WHERE enabled_at IS NOT NULL`)).toHaveLength(2);
  });

  it('takes a manager without two-factor to setup once an admin requires it: only setup, me, password and sign-out until it is on', async () => {
    const admin = await signedInAs(t, Role.Admin);
    const manager = await persistUser(t.dataSource, { role: Role.Manager });
    const staff = await persistUser(t.dataSource, { role: Role.Staff });
    const settings = await request(t.http).get('/api/v1/settings/security').set(admin.auth).expect(200);
    expect(settings.body).toEqual({ version: 1, requireMfaFor: [] });
    const changed = await request(t.http)
      .patch('/api/v1/settings/security')
      .set(admin.auth)
      .send({ version: 1, requireMfaFor: ['manager'] })
      .expect(200);
    expect(changed.body).toEqual({ version: 2, requireMfaFor: ['manager'] });

    const signedIn = await signIn(manager.email).expect(200);
    expect(signedIn.body.user).toMatchObject({ id: manager.id, mfaEnabled: false, mfaSetupRequired: true });
    expect((await signIn(staff.email).expect(200)).body.user.mfaSetupRequired).toBe(false);
    const auth = { Authorization: `Bearer ${signedIn.body.accessToken}` };
    expect((await request(t.http).get('/api/v1/auth/me').set(auth).expect(200)).body.mfaSetupRequired).toBe(true);
    const refused = await request(t.http).get('/api/v1/organizations').set(auth).expect(403);
    expect(refused.body.code).toBe('MFA_SETUP_REQUIRED');
    await request(t.http).patch('/api/v1/auth/me').set(auth).send({ name: 'Kim' }).expect(403);
    // The admin is not of a required role and goes on as before.
    await request(t.http).get('/api/v1/organizations').set(admin.auth).expect(200);

    const setup = await request(t.http).post('/api/v1/auth/mfa/setup').set(auth).expect(200);
    await request(t.http)
      .post('/api/v1/auth/mfa/enable')
      .set(auth)
      .send({ code: await generate({ secret: setup.body.secret }) })
      .expect(200);
    await request(t.http).get('/api/v1/organizations').set(auth).expect(200);
    expect((await request(t.http).get('/api/v1/auth/me').set(auth).expect(200)).body).toMatchObject({
      mfaEnabled: true,
      mfaSetupRequired: false,
    });
    await request(t.http).post('/api/v1/auth/logout').set(auth).expect(204);
  });

  it('lets a required person sign out before setting up', async () => {
    const admin = await signedInAs(t, Role.Admin);
    await request(t.http)
      .patch('/api/v1/settings/security')
      .set(admin.auth)
      .send({ version: 1, requireMfaFor: ['manager'] })
      .expect(200);
    const manager = await persistUser(t.dataSource, { role: Role.Manager });
    const { auth } = await login(t, manager.email);
    await request(t.http).post('/api/v1/auth/logout').set(auth).expect(204);
    await request(t.http).get('/api/v1/auth/me').set(auth).expect(401);
  });

  it('keeps the security settings to admins, validated and audited; requiring it for your own role needs it on your account first', async () => {
    const admin = await signedInAs(t, Role.Admin);
    const manager = await signedInAs(t, Role.Manager);
    await request(t.http).get('/api/v1/settings/security').set(manager.auth).expect(403);
    await request(t.http)
      .patch('/api/v1/settings/security')
      .set(manager.auth)
      .send({ version: 1, requireMfaFor: [] })
      .expect(403);
    const invalid = await request(t.http)
      .patch('/api/v1/settings/security')
      .set(admin.auth)
      .send({ version: 1, requireMfaFor: ['staff'] })
      .expect(400);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ field: 'requireMfaFor' })]);
    await request(t.http)
      .patch('/api/v1/settings/security')
      .set(admin.auth)
      .send({ version: 1, requireMfaFor: 'admin' })
      .expect(400);
    const first = await request(t.http)
      .patch('/api/v1/settings/security')
      .set(admin.auth)
      .send({ version: 1, requireMfaFor: ['admin', 'manager'] })
      .expect(422);
    expect(first.body.code).toBe('MFA_SETUP_FIRST');
    expect(await t.dataSource.query(`SELECT 1 FROM settings`)).toEqual([]);

    await turnOn(admin);
    const saved = await request(t.http)
      .patch('/api/v1/settings/security')
      .set(admin.auth)
      .send({ version: 1, requireMfaFor: ['manager', 'admin'] })
      .expect(200);
    expect(saved.body).toEqual({ version: 2, requireMfaFor: ['admin', 'manager'] });
    await request(t.http)
      .patch('/api/v1/settings/security')
      .set(admin.auth)
      .send({ version: 1, requireMfaFor: [] })
      .expect(409);
    const events = await t.dataSource.query(
      `SELECT entity_type, entity_id, changes FROM audit_events WHERE entity_type = 'settings'`,
    );
    expect(events).toEqual([
      {
        entity_type: 'settings',
        entity_id: SECURITY_SETTINGS_AUDIT_ID,
        changes: { requireMfaFor: { before: [], after: ['admin', 'manager'] } },
      },
    ]);
  });

  it('never logs a secret, a code or an otpauth URI', async () => {
    const staff = await signedInAs(t, Role.Staff);
    const { secret, recoveryCodes } = await turnOn(staff);
    await signIn(staff.user.email, recoveryCodes[0]).expect(200);
    await signIn(staff.user.email, '654321').expect(401);
    const text = t.logs.join('\n');
    expect(text).toMatch(/two-factor enabled/);
    for (const value of [secret, 'otpauth://', ...recoveryCodes, '654321']) expect(text).not.toContain(value);
  });
});
