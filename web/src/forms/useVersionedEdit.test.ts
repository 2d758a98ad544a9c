import { describe, expect, it } from 'vitest';
import { changedPaths, mergeOnConflict } from './useVersionedEdit';

interface Values {
  name: string;
  count: string;
  fit: { reach: number; notes: string };
  tags: string[];
}

/** A form's own notion of a change: names ignore spaces at the ends, counts compare as numbers. */
function changes(base: Values, values: Values) {
  const out: Record<string, unknown> = {};
  if (values.name.trim() !== base.name.trim()) out.name = values.name.trim();
  if (Number(values.count) !== Number(base.count)) out.count = Number(values.count);
  const fit: Record<string, unknown> = {};
  if (values.fit.reach !== base.fit.reach) fit.reach = values.fit.reach;
  if (values.fit.notes !== base.fit.notes) fit.notes = values.fit.notes;
  if (Object.keys(fit).length) out.fit = fit;
  if (values.tags.join() !== base.tags.join()) out.tags = values.tags;
  return out;
}

const STARTED: Values = { name: 'Harbor House', count: '5', fit: { reach: 3, notes: '' }, tags: ['shelter'] };

describe('mergeOnConflict', () => {
  it('keeps each field the person changed and takes the colleague’s value for the others, one level into objects', () => {
    const mine = { ...STARTED, count: '7', fit: { reach: 5, notes: '' } };
    const theirs = {
      ...STARTED,
      name: 'Harbor House Youth Shelter',
      fit: { reach: 3, notes: 'Ask Dana' },
      tags: ['a'],
    };
    expect(mergeOnConflict(changes, STARTED, mine, theirs)).toEqual({
      name: 'Harbor House Youth Shelter',
      count: '7',
      fit: { reach: 5, notes: 'Ask Dana' },
      tags: ['a'],
    });
  });

  it('counts only what the form calls a change: " Harbor House " and "05" are no change, so theirs is taken', () => {
    const mine = { ...STARTED, name: ' Harbor House ', count: '05' };
    const theirs = { ...STARTED, name: 'Harbor House Shelter', count: '6' };
    expect(mergeOnConflict(changes, STARTED, mine, theirs)).toEqual(theirs);
  });

  it('keeps mine where both changed the same field', () => {
    const mine = { ...STARTED, tags: ['shelter', 'teens'] };
    const theirs = { ...STARTED, tags: [] };
    expect(mergeOnConflict(changes, STARTED, mine, theirs).tags).toEqual(['shelter', 'teens']);
  });
});

describe('changedPaths', () => {
  it('names top-level fields and fields one level into objects', () => {
    expect(changedPaths({ name: 'x', fit: { reach: 1, notes: 'y' }, tags: ['a'] })).toEqual([
      'name',
      'fit.reach',
      'fit.notes',
      'tags',
    ]);
  });
});
