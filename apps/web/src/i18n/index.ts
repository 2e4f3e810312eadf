import { fr } from './fr';

/** Every language's catalogue has the shape of the French one (the type checker holds them equal). */
export type Messages = typeof fr;

const catalogues: Record<string, Messages> = { fr };

export const locale = 'fr-FR';
/** The catalogue in use. Another language: add its folder and an entry above. */
export const t: Messages = catalogues[locale.slice(0, 2)] ?? fr;

const euros = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
const numbers = new Intl.NumberFormat(locale);
const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

export const format = {
  /** Amounts are integer cents in the API. */
  cents: (cents: number) => euros.format(cents / 100),
  /** Unit prices are integer micro-euros in the API (1 € = 1,000,000). */
  micros: (micros: number) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 4 }).format(
      micros / 1_000_000,
    ),
  number: (value: number) => numbers.format(value),
  date: (iso: string) => dates.format(new Date(iso)),
  dateTime: (iso: string) => dateTimes.format(new Date(iso)),
};
