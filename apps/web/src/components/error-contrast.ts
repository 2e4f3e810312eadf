import type { CSSProperties } from 'react';

/**
 * Mantine's error red (red.6) on white is below WCAG AA for the small text of a field's error and the
 * typed value of a field in error (axe: color-contrast). Set on a form's container, this darker red is
 * inherited by every field inside it.
 */
export const ERROR_CONTRAST = { '--mantine-color-error': 'var(--mantine-color-red-9)' } as CSSProperties;
