import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { LIGHT_VARIANT_COLORS, theme } from './theme';

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const shades = (color: string) => theme.colors?.[color] ?? DEFAULT_THEME.colors[color];

describe('theme contrast (WCAG AA, 4.5:1)', () => {
  it.each(LIGHT_VARIANT_COLORS)(
    '%s: light-variant text (shade 9) on its tint (shade 1) and on white, e.g. alert titles',
    (color) => {
      expect(contrast(shades(color)[9], shades(color)[1])).toBeGreaterThanOrEqual(4.5);
      expect(contrast(shades(color)[9], '#ffffff')).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('measures as axe does: Mantine’s own green 9 on its tint is the 3.8:1 that failed', () => {
    expect(contrast(DEFAULT_THEME.colors.green[9], DEFAULT_THEME.colors.green[1])).toBeCloseTo(3.81, 2);
  });
});
