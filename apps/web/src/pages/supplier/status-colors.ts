/** Badge colours dark enough for white text at badge size (WCAG AA 4.5:1); Mantine's greens and oranges are not. */
export const STATUS_COLOR = {
  good: '#1b5e20',
  bad: '#b71c1c',
  warning: '#8a4b00',
  pending: '#0d47a1',
  neutral: '#343a40',
} as const;
