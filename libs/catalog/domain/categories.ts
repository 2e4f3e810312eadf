/**
 * Mask categories a product can be certified as, and the measurements evidence reports. The
 * standards that grant a category (with their thresholds and validity windows) are data, in the
 * `mask_standard` table: a derogation such as KN95 → FFP2 is a row with an end date, not code.
 */
export enum MaskCategory {
  FFP1 = 'FFP1',
  FFP2 = 'FFP2',
  FFP3 = 'FFP3',
  SURGICAL_I = 'SURGICAL_I',
  SURGICAL_II = 'SURGICAL_II',
  SURGICAL_IIR = 'SURGICAL_IIR',
  /** "Grand public" category 1: professionals in contact with the public (≥ 90 % at 3 µm). */
  UNS1 = 'UNS1',
  /** "Grand public" category 2: collective protection (≥ 70 % at 3 µm). */
  UNS2 = 'UNS2',
}

export const CATEGORY_LABELS: Record<MaskCategory, string> = {
  [MaskCategory.FFP1]: 'FFP1',
  [MaskCategory.FFP2]: 'FFP2',
  [MaskCategory.FFP3]: 'FFP3',
  [MaskCategory.SURGICAL_I]: 'Chirurgical type I',
  [MaskCategory.SURGICAL_II]: 'Chirurgical type II',
  [MaskCategory.SURGICAL_IIR]: 'Chirurgical type IIR',
  [MaskCategory.UNS1]: 'Grand public UNS1',
  [MaskCategory.UNS2]: 'Grand public UNS2',
};

/** How a standard grants its category: natively, or as a foreign standard accepted by derogation. */
export enum StandardKind {
  NATIVE = 'NATIVE',
  EQUIVALENCE = 'EQUIVALENCE',
}

/** What a test report measures. Units are in the names; not every standard uses every measure. */
export interface Measurements {
  /** EN 149: filter penetration, % (FFP2 ≤ 6). */
  filterPenetrationPct?: number;
  /** EN 14683: bacterial filtration efficiency, % (type I ≥ 95, II/IIR ≥ 98). */
  bacterialFiltrationPct?: number;
  /** EN 14683: differential pressure (breathing resistance), Pa/cm². */
  breathingResistancePaCm2?: number;
  /** EN 14683 type IIR: splash resistance, kPa. */
  splashResistanceKPa?: number;
  /** AFNOR SPEC S76-001 (DGA tests): filtration of 3 µm particles, %. */
  particleFiltration3umPct?: number;
  /** AFNOR SPEC S76-001: air permeability at 100 Pa, L·m⁻²·s⁻¹. */
  airPermeabilityLm2s?: number;
  /** Reusable masks: number of washes the performance holds for. */
  washes?: number;
}

export type MeasurementName = keyof Measurements;

/** A bound on one measurement; `maxExclusive` for the standards' strict "< 40 Pa/cm²". */
export interface Bound {
  min?: number;
  max?: number;
  maxExclusive?: number;
}

export type Thresholds = Partial<Record<MeasurementName, Bound>>;

export const MEASUREMENT_LABELS: Record<MeasurementName, string> = {
  filterPenetrationPct: 'filter penetration (%)',
  bacterialFiltrationPct: 'bacterial filtration efficiency (%)',
  breathingResistancePaCm2: 'breathing resistance (Pa/cm²)',
  splashResistanceKPa: 'splash resistance (kPa)',
  particleFiltration3umPct: 'filtration of 3 µm particles (%)',
  airPermeabilityLm2s: 'air permeability (L/m²/s)',
  washes: 'number of washes',
};

export interface MeasurementFailure {
  measurement: MeasurementName;
  message: string;
  /** Why, as a code with its figures (`args.measurement` is the measurement's name). */
  reason: string;
  args: Record<string, string | number>;
}

/**
 * Checks reported values against a standard's thresholds. A threshold with no reported value is a
 * failure too: a claim is judged on evidence, not on silence.
 */
export function checkMeasurements(
  thresholds: Thresholds,
  measured: Measurements,
  standardName: string,
): MeasurementFailure[] {
  const failures: MeasurementFailure[] = [];
  for (const [name, bound] of Object.entries(thresholds) as [MeasurementName, Bound][]) {
    const label = MEASUREMENT_LABELS[name];
    const value = measured[name];
    if (value === undefined || value === null) {
      failures.push({
        measurement: name,
        message: `${standardName} requires the ${label}`,
        reason: 'MEASUREMENT_MISSING',
        args: { measurement: name, standard: standardName },
      });
      continue;
    }
    if (bound.min !== undefined && value < bound.min) {
      failures.push({
        measurement: name,
        message: `${label} is ${value}, below the ${bound.min} minimum of ${standardName}`,
        reason: 'MEASUREMENT_BELOW_MINIMUM',
        args: { measurement: name, value, min: bound.min, standard: standardName },
      });
    }
    if (bound.max !== undefined && value > bound.max) {
      failures.push({
        measurement: name,
        message: `${label} is ${value}, above the ${bound.max} maximum of ${standardName}`,
        reason: 'MEASUREMENT_ABOVE_MAXIMUM',
        args: { measurement: name, value, max: bound.max, standard: standardName },
      });
    }
    if (bound.maxExclusive !== undefined && value >= bound.maxExclusive) {
      failures.push({
        measurement: name,
        message: `${label} is ${value}, ${standardName} requires less than ${bound.maxExclusive}`,
        reason: 'MEASUREMENT_NOT_BELOW_LIMIT',
        args: { measurement: name, value, limit: bound.maxExclusive, standard: standardName },
      });
    }
  }
  return failures;
}

/** Whether a standard grants its category at an instant (validity windows are [from, until)). */
export function standardInForce(
  window: { validFrom: Date | null; validUntil: Date | null },
  at: Date,
): boolean {
  return (!window.validFrom || window.validFrom <= at) && (!window.validUntil || at < window.validUntil);
}
