import { Breadcrumbs, colorsTuple, createTheme, DEFAULT_THEME, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's palette with shade 9 of green and yellow darkened. Shade 9 is the text of their light
 * variant (success and warning alerts, light badges) and, as the primary shade, their filled
 * buttons: Mantine's green 9 is 4.0:1 on its own light tint (4.4:1 on white), its yellow 9 2.8:1,
 * both below WCAG AA's 4.5:1 on their light tint (shade 1): green 3.8:1, yellow 2.7:1. Darkened by
 * about a quarter and a third: green 5.9:1 on the tint (6.8:1 on white), yellow 5.6:1 (6.3:1).
 * Shades 0–8 are unchanged; theme.test.ts checks every light-variant colour.
 */
const green = colorsTuple([...DEFAULT_THEME.colors.green.slice(0, 9), '#20682f']);
const yellow = colorsTuple([...DEFAULT_THEME.colors.yellow.slice(0, 9), '#964d00']);

/**
 * Mantine's defaults, darkened where they fall below WCAG AA contrast (4.5:1) on white: the
 * primary shade (buttons, links, light badges), green and yellow (above), the "dimmed" secondary
 * text and error messages.
 */
export const theme = createTheme({
  // Someone who asked their device for less motion gets dialogs, drawers and menus without
  // their opening and closing animations (WCAG 2.3.3).
  respectReducedMotion: true,
  primaryColor: 'cyan',
  primaryShade: { light: 9, dark: 7 },
  colors: { green, yellow },
  autoContrast: true,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  components: {
    // A long partner or program name wraps in the trail instead of widening a phone's page.
    Breadcrumbs: Breadcrumbs.extend({
      styles: {
        root: { flexWrap: 'wrap', rowGap: 4 },
        breadcrumb: { whiteSpace: 'normal', overflowWrap: 'anywhere', minWidth: 0 },
      },
    }),
  },
});

/** Colours whose "light" variant (tinted background, coloured text) the app uses. */
export const LIGHT_VARIANT_COLORS = ['cyan', 'red', 'blue', 'green', 'yellow', 'gray', 'dark'] as const;

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-primary-color-light-color': 'var(--mantine-color-cyan-9)',
    // Filled buttons are cyan 9; Mantine would lighten them to cyan 8 on hover, below 4.5:1 with white text.
    '--mantine-primary-color-filled-hover': 'color-mix(in srgb, var(--mantine-color-cyan-9), black 20%)',
    '--mantine-color-cyan-filled-hover': 'color-mix(in srgb, var(--mantine-color-cyan-9), black 20%)',
    '--mantine-color-green-filled-hover': 'color-mix(in srgb, var(--mantine-color-green-9), black 20%)',
    ...Object.fromEntries(
      LIGHT_VARIANT_COLORS.map((color) => [`--mantine-color-${color}-light-color`, `var(--mantine-color-${color}-9)`]),
    ),
  },
  dark: {},
});
