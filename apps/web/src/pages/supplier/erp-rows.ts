import Papa from 'papaparse';
import type { OfferUpsertRow } from '../../gql/graphql';

/** The file's columns (French, as a sales team names them), in the order of the template. */
export const ERP_COLUMNS = [
  'reference',
  'produit',
  'departement',
  'stock',
  'minimum',
  'multiple',
  'delai_jours',
  'prix',
  'disponible_le',
  'valide_jusqu_au',
] as const;

type Column = (typeof ERP_COLUMNS)[number];
const REQUIRED: Column[] = [
  'reference',
  'produit',
  'departement',
  'stock',
  'minimum',
  'multiple',
  'delai_jours',
  'prix',
];

/** A problem in the file: its line (1 = the header) and column. */
export interface ErpRowProblem {
  line: number;
  column: string;
  problem: 'missing' | 'integer' | 'prices' | 'date' | 'columns';
}

/** "0,45" or "0.45" euros → 450000 micro-euros, exactly (no floating point); null when not a price. */
export function eurosToMicros(text: string): number | null {
  const match = /^(\d{1,7})(?:[.,](\d{1,6}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
}

/** "1000:0,45|10000:0,40" → price tiers; null when malformed. */
function priceTiers(text: string): OfferUpsertRow['priceTiers'] | null {
  const tiers = text.split('|').map((tier) => {
    const [quantity, price] = tier.split(':');
    const micros = price === undefined ? null : eurosToMicros(price);
    return /^\d+$/.test(quantity?.trim() ?? '') && micros !== null
      ? { minQuantity: Number(quantity.trim()), unitPriceMicros: micros }
      : null;
  });
  return tiers.every((tier) => tier !== null) ? (tiers as OfferUpsertRow['priceTiers']) : null;
}

/**
 * Reads the ERP's CSV export (`;` or `,`, header line, UTF-8) into the rows `upsertOffers` takes. Every
 * problem is listed with its line and column; rows are only usable when there is none.
 */
export function parseErpFile(text: string): { rows: OfferUpsertRow[]; problems: ErpRowProblem[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const problems: ErpRowProblem[] = [];
  const missingColumns = REQUIRED.filter((column) => !parsed.meta.fields?.includes(column));
  if (missingColumns.length)
    return { rows: [], problems: missingColumns.map((column) => ({ line: 1, column, problem: 'columns' })) };
  const rows = parsed.data.map((record, index) => {
    const line = index + 2;
    const cell = (column: Column) => (record[column] ?? '').trim();
    const integer = (column: Column) => {
      const value = cell(column);
      if (!value) problems.push({ line, column, problem: 'missing' });
      else if (!/^\d+$/.test(value)) problems.push({ line, column, problem: 'integer' });
      return Number(value);
    };
    const date = (column: Column) => {
      const value = cell(column);
      if (!value) return undefined;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
        problems.push({ line, column, problem: 'date' });
        return undefined;
      }
      return new Date(`${value}T00:00:00Z`).toISOString();
    };
    for (const column of ['reference', 'produit', 'departement'] as const)
      if (!cell(column)) problems.push({ line, column, problem: 'missing' });
    const tiers = priceTiers(cell('prix'));
    if (!tiers) problems.push({ line, column: 'prix', problem: cell('prix') ? 'prices' : 'missing' });
    return {
      externalRef: cell('reference'),
      productId: cell('produit'),
      warehouseDepartmentCode: cell('departement'),
      onHand: integer('stock'),
      minimumOrderQuantity: integer('minimum'),
      orderIncrement: integer('multiple'),
      leadTimeDays: integer('delai_jours'),
      priceTiers: tiers ?? [],
      availableFrom: date('disponible_le'),
      validUntil: date('valide_jusqu_au'),
    } satisfies OfferUpsertRow;
  });
  return { rows, problems };
}
