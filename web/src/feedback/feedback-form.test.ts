import { describe, expect, it } from 'vitest';
import { actionTakenToSave } from './feedback-form';

describe('actionTakenToSave', () => {
  it('sends the text as typed, without the spaces around it', () => {
    expect(actionTakenToSave('  Called the partner back \n', null)).toBe('Called the partner back');
    expect(actionTakenToSave('Moved the session', 'Called back')).toBe('Moved the session');
  });

  it('clears a saved action when the text is emptied', () => {
    expect(actionTakenToSave('', 'Called back')).toBeNull();
    expect(actionTakenToSave('   ', 'Called back')).toBeNull();
  });

  it('sends nothing for a blank text when no action was saved', () => {
    expect(actionTakenToSave('', null)).toBeUndefined();
    expect(actionTakenToSave('  \n ', null)).toBeUndefined();
  });
});
