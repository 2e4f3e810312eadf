import departements from '@etalab/decoupage-administratif/data/departements.json';
import regions from '@etalab/decoupage-administratif/data/regions.json';

/**
 * French departments and regions from the official lists (`@etalab/decoupage-administratif`), and
 * the distance tiers between departments the matching engine ranks by. Pure: no framework, so the
 * matching engine's domain can use it as well as the services.
 */
interface Area {
  code: string;
  nom: string;
  zone: string;
  region?: string;
}

/** The 101 departments and 18 regions (mainland and DROM; overseas collectivities are out of the scheme). */
const DEPARTMENTS = new Map((departements as Area[]).filter((d) => d.zone !== 'com').map((d) => [d.code, d]));
const REGIONS = new Map((regions as Area[]).filter((r) => r.zone !== 'com').map((r) => [r.code, r]));

export interface Department {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
}

export function findDepartment(code: string): Department | undefined {
  const department = DEPARTMENTS.get(code.trim().toUpperCase());
  if (!department?.region) return undefined;
  return {
    code: department.code,
    name: department.nom,
    regionCode: department.region,
    regionName: REGIONS.get(department.region)?.nom ?? department.region,
  };
}

export function findRegion(code: string): { code: string; name: string } | undefined {
  const region = REGIONS.get(code);
  return region && { code: region.code, name: region.nom };
}

/** Region codes in the alphabetical order of their French names (lists sorted by region). */
export const regionCodesByName = (): string[] =>
  [...REGIONS.values()].sort((a, b) => a.nom.localeCompare(b.nom, 'fr')).map((region) => region.code);

export const departmentCount = (): number => DEPARTMENTS.size;
export const regionCount = (): number => REGIONS.size;

/**
 * Distance between a buyer's department and an offer's warehouse. The official lists carry no
 * coordinates, so instead of kilometres the engine uses a documented tier: same department < same
 * region < another region of mainland France (Corsica included) < overseas (a DROM on either side,
 * different departments).
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

export const isDepartmentCode = (code: string): boolean => DEPARTMENTS.has(code);

function department(code: string): Area {
  const found = DEPARTMENTS.get(code);
  if (!found) throw new RangeError(`unknown department code "${code}"`);
  return found;
}

export function departmentDistance(fromCode: string, toCode: string): DepartmentDistance {
  const from = department(fromCode);
  const to = department(toCode);
  if (from.code === to.code)
    return { tier: 'SAME_DEPARTMENT', rank: 0, label: `same department (${to.code})` };
  if (from.region === to.region)
    return { tier: 'SAME_REGION', rank: 1, label: `same region (${REGIONS.get(to.region ?? '')?.nom})` };
  if (from.zone === 'metro' && to.zone === 'metro')
    return { tier: 'MAINLAND', rank: 2, label: `another region (${to.code} ${to.nom})` };
  return { tier: 'OVERSEAS', rank: 3, label: `overseas shipping (from ${to.code} ${to.nom})` };
}
