import departements from '@etalab/decoupage-administratif/data/departements.json';
import regions from '@etalab/decoupage-administratif/data/regions.json';

/**
 * Distance between a buyer's department and an offer's warehouse. The official lists installed
 * (`@etalab/decoupage-administratif`) carry no coordinates, so instead of kilometres the engine uses
 * a documented tier: same department < same region < another region of mainland France (Corsica
 * included) < overseas (a DROM on either side, different departments).
 */
export const DISTANCE_TIERS = ['SAME_DEPARTMENT', 'SAME_REGION', 'MAINLAND', 'OVERSEAS'] as const;
export type DistanceTier = (typeof DISTANCE_TIERS)[number];

export interface DepartmentDistance {
  tier: DistanceTier;
  /** 0 (same department) to 3 (overseas): what the ranking and the allocation compare. */
  rank: number;
  /** "same region (Grand Est)". */
  label: string;
}

interface Area {
  code: string;
  nom: string;
  zone: string;
  region?: string;
}

/** The 101 departments (mainland and DROM; overseas collectivities are out of the scheme). */
const DEPARTMENTS = new Map((departements as Area[]).filter((d) => d.zone !== 'com').map((d) => [d.code, d]));
const REGION_NAMES = new Map((regions as Area[]).map((r) => [r.code, r.nom]));

export const isDepartmentCode = (code: string): boolean => DEPARTMENTS.has(code);

function department(code: string): Area {
  const found = DEPARTMENTS.get(code);
  if (!found) throw new RangeError(`unknown department code "${code}"`);
  return found;
}

export function departmentDistance(fromCode: string, toCode: string): DepartmentDistance {
  const from = department(fromCode);
  const to = department(toCode);
  if (from.code === to.code) return { tier: 'SAME_DEPARTMENT', rank: 0, label: `same department (${to.code})` };
  if (from.region === to.region) return { tier: 'SAME_REGION', rank: 1, label: `same region (${REGION_NAMES.get(to.region ?? '')})` };
  if (from.zone === 'metro' && to.zone === 'metro') return { tier: 'MAINLAND', rank: 2, label: `another region (${to.code} ${to.nom})` };
  return { tier: 'OVERSEAS', rank: 3, label: `overseas shipping (from ${to.code} ${to.nom})` };
}
