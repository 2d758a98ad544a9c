import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's defaults, darkened where they fall below WCAG AA contrast (4.5:1) on white: the
 * primary shade (buttons, links, light badges), the "dimmed" secondary text and error messages.
 */
export const theme = createTheme({
  primaryColor: 'cyan',
  primaryShade: { light: 9, dark: 7 },
  autoContrast: true,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
});

/** Colours whose "light" variant (tinted background, coloured text) the app uses. */
const LIGHT_VARIANT_COLORS = ['cyan', 'red', 'blue', 'green', 'gray', 'dark'];

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-primary-color-light-color': 'var(--mantine-color-cyan-9)',
    // Filled buttons are cyan 9; Mantine would lighten them to cyan 8 on hover, below 4.5:1 with white text.
    '--mantine-primary-color-filled-hover': 'color-mix(in srgb, var(--mantine-color-cyan-9), black 20%)',
    '--mantine-color-cyan-filled-hover': 'color-mix(in srgb, var(--mantine-color-cyan-9), black 20%)',
    ...Object.fromEntries(LIGHT_VARIANT_COLORS.map((color) => [`--mantine-color-${color}-light-color`, `var(--mantine-color-${color}-9)`])),
  },
  dark: {},
});
