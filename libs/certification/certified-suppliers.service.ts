import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { paginate, type Connection } from '@masks/core';
import { CATEGORY_LABELS, type MaskCategory } from '@masks/catalog';
import { findDepartment, findRegion } from '@masks/geography';
import { Organisation } from '@masks/organisations';
import type { CertifiedSuppliersArgs } from './dto/certification.inputs';
import type { CertifiedSupplier, ProductionSite } from './models/certification.models';

export interface CertifiedSuppliersFilter {
  category?: MaskCategory;
  regionCode?: string;
}

interface SiteRow {
  supplier_id: string;
  company: string;
  sales_contact: string | null;
  country_of_production: string;
  production_city: string | null;
  production_department_code: string | null;
  production_region_code: string | null;
  categories: MaskCategory[];
}

const COUNTRY_NAMES = new Intl.DisplayNames(['fr'], { type: 'region' });

function site(row: SiteRow): ProductionSite {
  const department = row.production_department_code
    ? findDepartment(row.production_department_code)
    : undefined;
  const region = row.production_region_code ? findRegion(row.production_region_code) : undefined;
  return {
    countryCode: row.country_of_production,
    country: COUNTRY_NAMES.of(row.country_of_production) ?? row.country_of_production,
    city: row.production_city,
    departmentCode: row.production_department_code,
    departmentName: department?.name ?? null,
    regionCode: row.production_region_code,
    regionName: region?.name ?? null,
    categories: row.categories,
  };
}

/** The columns of the DGE's published list, in its words. */
export const CERTIFIED_SUPPLIERS_CSV_COLUMNS = [
  'Entreprise',
  'Contact commercial',
  'Pays de production',
  'Ville de production',
  'Département de production',
  'Région de production',
  'Catégories',
];

/**
 * The public list of certified suppliers, as the DGE published it: companies with at least one
 * product certified today (Product.certifiedUntil after now, so an ended derogation drops out even
 * before the expiry job has run), one line per place of production.
 */
@Injectable()
export class CertifiedSuppliersService {
  constructor(private readonly dataSource: DataSource) {}

  /** Products certified now, matching the filter, grouped by supplier and place of production. */
  private sites(filter: CertifiedSuppliersFilter, supplierIds?: string[]): Promise<SiteRow[]> {
    return this.dataSource.query(
      `SELECT p.supplier_id, o.name AS company, o.sales_contact, p.country_of_production, p.production_city,
              p.production_department_code, p.production_region_code,
              array_agg(DISTINCT p.category ORDER BY p.category) AS categories
       FROM product p JOIN organisation o ON o.id = p.supplier_id
       WHERE p.certified_until > $1
         AND ($2::text IS NULL OR p.category = $2)
         AND ($3::text IS NULL OR p.production_region_code = $3)
         AND ($4::uuid[] IS NULL OR p.supplier_id = ANY($4::uuid[]))
       GROUP BY p.supplier_id, o.name, o.sales_contact, p.country_of_production, p.production_city,
                p.production_department_code, p.production_region_code
       ORDER BY o.name, p.supplier_id, p.country_of_production, p.production_department_code NULLS LAST, p.production_city NULLS LAST`,
      [new Date(), filter.category ?? null, filter.regionCode ?? null, supplierIds ?? null],
    );
  }

  async list(args: CertifiedSuppliersArgs): Promise<Connection<CertifiedSupplier>> {
    const qb = this.dataSource
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .where(
        `EXISTS (SELECT 1 FROM product p WHERE p.supplier_id = o.id AND p.certified_until > :now
                 AND (CAST(:category AS text) IS NULL OR p.category = :category)
                 AND (CAST(:regionCode AS text) IS NULL OR p.production_region_code = :regionCode))`,
        { now: new Date(), category: args.category ?? null, regionCode: args.regionCode ?? null },
      );
    const page = await paginate(
      qb,
      'o.id',
      { column: 'o.name', value: (o) => o.name, direction: 'ASC' },
      args,
    );
    const rows = await this.sites(
      args,
      page.edges.map((edge) => edge.node.id),
    );
    return {
      pageInfo: page.pageInfo,
      edges: page.edges.map(({ cursor, node }) => {
        const sites = rows.filter((row) => row.supplier_id === node.id).map(site);
        return {
          cursor,
          node: {
            id: node.id,
            company: node.name,
            salesContact: node.salesContact,
            categories: [...new Set(sites.flatMap((s) => s.categories))].sort(),
            productionSites: sites,
          },
        };
      }),
    };
  }

  /** Every line of the list, for the CSV export. */
  async csvRecords(filter: CertifiedSuppliersFilter): Promise<string[][]> {
    const rows = await this.sites(filter);
    return rows.map((row) => {
      const place = site(row);
      return [
        row.company,
        row.sales_contact ?? '',
        place.country,
        place.city ?? '',
        place.departmentCode ? `${place.departmentCode} - ${place.departmentName}` : '',
        place.regionName ?? '',
        place.categories.map((category) => CATEGORY_LABELS[category]).join(', '),
      ];
    });
  }
}
