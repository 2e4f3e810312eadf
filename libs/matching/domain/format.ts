/** English wording of figures in explanations: thousands separators, euros, Paris calendar dates. */

const DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const MICROS_PER_EURO = 1_000_000;

/** "50,000" (a batch writes tens of thousands of explanations: cheaper than Intl.NumberFormat). */
export function formatUnits(units: number): string {
  const grouped = String(Math.round(Math.abs(units))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return units < 0 ? `-${grouped}` : grouped;
}

/** Integer micro-euros as "€0.4523": at least two decimals, no float arithmetic. */
export function formatPrice(micros: number): string {
  const euros = Math.trunc(micros / MICROS_PER_EURO);
  const fraction = String(micros % MICROS_PER_EURO)
    .padStart(6, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `€${euros}.${fraction}`;
}

/** Business dates are Paris dates (a delivery at 23:30 UTC on 31 May is on 1 June in France). */
export const formatDate = (date: Date | number): string => DATE.format(date);

/** Rounded down, so a need short of a few units never reads as 100%. */
export const formatPercent = (ratio: number): string => `${Math.floor(ratio * 100 + 1e-9)}%`;

export const plural = (count: number, word: string, words = `${word}s`): string =>
  `${formatUnits(count)} ${count === 1 ? word : words}`;
