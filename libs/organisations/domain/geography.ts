import departements from '@etalab/decoupage-administratif/data/departements.json';
import regions from '@etalab/decoupage-administratif/data/regions.json';

interface Area {
  code: string;
  nom: string;
  zone: string;
  region?: string;
}

/** The 101 departments and 18 regions (metropolitan and overseas), from the official lists. */
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

export const departmentCount = (): number => DEPARTMENTS.size;
export const regionCount = (): number => REGIONS.size;
