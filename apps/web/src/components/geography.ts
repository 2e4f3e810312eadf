import departements from '@etalab/decoupage-administratif/data/departements.json';
import regions from '@etalab/decoupage-administratif/data/regions.json';

/** The official lists the API uses too (libs/geography), for the filters' choices. */
interface Area {
  code: string;
  nom: string;
  zone: string;
  region?: string;
}

const byName = (a: Area, b: Area) => a.nom.localeCompare(b.nom, 'fr');

export const REGION_OPTIONS = (regions as Area[])
  .filter((region) => region.zone !== 'com')
  .sort(byName)
  .map((region) => ({ value: region.code, label: region.nom }));

export const DEPARTMENT_OPTIONS = (departements as Area[])
  .filter((department) => department.zone !== 'com')
  .map((department) => ({ value: department.code, label: `${department.code} – ${department.nom}` }));
