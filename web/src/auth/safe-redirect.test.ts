import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safe-redirect';

describe('safeRedirect', () => {
  it('keeps a path on this site with its query and hash', () => {
    expect(safeRedirect('/organizations?stage=active&page=2#contacts')).toBe(
      '/organizations?stage=active&page=2#contacts',
    );
  });

  it.each([
    ['https://evil.example/phish'],
    ['//evil.example/phish'],
    ['/\\evil.example'],
    ['javascript:alert(1)'],
    ['organizations'],
    ['/sign-in?redirect=/x'],
    ['/setup'],
    [42],
    [undefined],
    [`/${'a'.repeat(2001)}`],
  ])('refuses %s', (target) => {
    expect(safeRedirect(target)).toBe('/');
  });
});
