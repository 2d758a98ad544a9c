import { randomUUID } from 'node:crypto';
import { AuditService } from '../../src/audit/audit.service';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

describe(`${AuditService.name} (e2e)`, () => {
  let t: TestApp;
  let audit: AuditService;

  beforeAll(async () => {
    t = await createTestApp();
    audit = t.app.get(AuditService);
  });
  afterAll(async () => t.close());
  beforeEach(async () => truncateAll(t.dataSource));

  const events = async (entityId: string): Promise<number> =>
    (await audit.list({ entityId, limit: 10, offset: 0 })).meta.total;

  describe('record', () => {
    it("writes the event in the caller's transaction: there once the change commits, gone when it rolls back", async () => {
      const kept = randomUUID();
      await t.dataSource.transaction(async (manager) => {
        await audit.record(manager, { actorId: null, entityType: 'visit', entityId: kept, action: 'create' });
        // Seen inside the transaction, not yet outside it.
        expect(await manager.query('SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1', [kept])).toEqual(
          [{ n: 1 }],
        );
        expect(await events(kept)).toBe(0);
      });
      expect(await events(kept)).toBe(1);

      const undone = randomUUID();
      await expect(
        t.dataSource.transaction(async (manager) => {
          await audit.record(manager, { actorId: null, entityType: 'visit', entityId: undone, action: 'create' });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await events(undone)).toBe(0);
    });

    it('keeps the changes as given, with an id and the time of the write from the database', async () => {
      const entityId = randomUUID();
      const actorId = randomUUID();
      const changes = {
        staffIds: { before: null, after: ['a', 'b'] },
        invitationsHandedOut: { before: 0, after: 25 },
        notes: { redacted: true as const },
        location: { before: 'Lobby "A" — 2nd floor', after: null },
      };
      const before = Date.now();
      await t.dataSource.transaction((manager) =>
        audit.record(manager, { actorId, entityType: 'visit', entityId, action: 'update', changes }),
      );
      await t.dataSource.transaction((manager) =>
        audit.record(manager, { actorId: null, entityType: 'visit', entityId, action: 'delete' }),
      );

      const page = await audit.list({ entityId, limit: 10, offset: 0 });
      expect(page.data.map(({ id: _id, occurredAt: _at, ...event }) => event)).toEqual([
        { actorId: null, entityType: 'visit', entityId, action: 'delete', changes: {} },
        { actorId, entityType: 'visit', entityId, action: 'update', changes },
      ]);
      for (const event of page.data) {
        expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(event.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      }
    });
  });

  describe('insertFrom', () => {
    /** A statement writing the event of the record `id`, then `tail` (its main query). */
    const write = (id: string, tail: string) => {
      const event = audit.insertFrom('src', 2, {
        actorId: null,
        entityType: 'visit',
        action: 'create',
        changes: { purpose: { before: null, after: 'planning' } },
      });
      return t.dataSource.query(`WITH src AS (SELECT $1::uuid AS id), event AS (${event.sql}) ${tail}`, [
        id,
        ...event.values,
      ]);
    };

    it("writes the event with the statement that writes the record, taking the record's id from it", async () => {
      const id = randomUUID();
      await write(id, 'SELECT id FROM src');
      const page = await audit.list({ entityId: id, limit: 10, offset: 0 });
      expect(page.data).toEqual([
        expect.objectContaining({
          actorId: null,
          entityType: 'visit',
          entityId: id,
          action: 'create',
          changes: { purpose: { before: null, after: 'planning' } },
        }),
      ]);
    });

    it('writes no event when the statement fails', async () => {
      const id = randomUUID();
      await expect(write(id, 'SELECT 1 / 0 FROM src')).rejects.toThrow(/division by zero/);
      expect(await events(id)).toBe(0);
    });
  });
});
