import { auditChanges } from './audit.service';

describe('auditChanges', () => {
  it('lists only the fields that changed, with before and after', () => {
    expect(
      auditChanges(
        { name: 'Youth Shelter', stage: 'exploring', tags: ['a'] },
        { name: 'Youth Shelter', stage: 'active', tags: ['a', 'b'] },
        ['name', 'stage', 'tags'],
      ),
    ).toEqual({ stage: { before: 'exploring', after: 'active' }, tags: { before: ['a'], after: ['a', 'b'] } });
  });

  it('reports a created record against nothing and dates as ISO strings', () => {
    const at = new Date('2026-11-26T10:00:00Z');
    expect(auditChanges(null, { name: 'X', at }, ['name', 'at'])).toEqual({
      name: { before: null, after: 'X' },
      at: { before: null, after: '2026-11-26T10:00:00.000Z' },
    });
  });

  it('takes only fields of the record (checked by npm run typecheck)', () => {
    const task = { title: 'Call back', dueAt: new Date('2026-11-26T10:00:00Z') };
    // @ts-expect-error 'assignee' is not a field of the record
    expect(auditChanges(null, task, ['title', 'assignee'])).toEqual({ title: { before: null, after: 'Call back' } });
  });

  it('keeps personal values out', () => {
    const changes = auditChanges(
      { email: 'a@b.org', isPrimary: false },
      { email: 'c@d.org', isPrimary: true },
      ['email', 'isPrimary'],
      new Set(['email']),
    );
    expect(changes).toEqual({ email: { redacted: true }, isPrimary: { before: false, after: true } });
    expect(JSON.stringify(changes)).not.toContain('@');
  });
});
