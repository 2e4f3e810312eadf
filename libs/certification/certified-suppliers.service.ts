import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MAX_PAGE_SIZE, type Connection } from '@masks/core';
import { CATEGORY_LABELS, type MaskCategory } from '@masks/catalog';
import { findDepartment, findRegion, regionCodesByName } from '@masks/geography';
import type { CertifiedSuppliersArgs } from './dto/certification.inputs';
import {
  CertifiedSuppliersSort,
  encodeSupplierCursor,
  supplierPageSql,
  type SupplierSortKeys,
} from './domain/certified-suppliers-sort';
import { CertificationStatus } from './domain/certification.states';
import type { CertifiedSupplier, ProductionSite } from './models/certification.models';

export interface CertifiedSuppliersFilter {
  category?: MaskCategory;
  regionCode?: string;
}

interface SupplierRow extends SupplierSortKeys {
  sales_contact: string | null;
}

/**
 * Suppliers with a product certified now matching the filter, with their sort keys ($1 now, $2
 * category, $3 region, $4 region codes by name, $5 certification status). The region rank is that of
 * the supplier's first region of production by name (abroad: after every region); the certification
 * date, the latest start of validity (the page's query adds it as text, so a cursor keeps its microseconds).
 */
const SUPPLIERS_WITH_KEYS = `
  WITH matching AS (
    SELECT p.id, p.supplier_id, p.production_region_code FROM product p
    WHERE p.certified_until > $1
      AND ($2::text IS NULL OR p.category = $2)
      AND ($3::text IS NULL OR p.production_region_code = $3)
  ), suppliers AS (
    SELECT o.id, o.name AS company, o.sales_contact,
           COALESCE(MIN(array_position($4::text[], m.production_region_code)), cardinality($4::text[]) + 1)
             AS region_rank,
           COALESCE(MAX(c.valid_from), '-infinity'::timestamptz) AS certified_at
    FROM organisation o
    JOIN matching m ON m.supplier_id = o.id
    LEFT JOIN certification c ON c.product_id = m.id AND c.status = $5
    GROUP BY o.id
  )`;

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

  /** Suppliers in the order asked, from the cursor on (keyset: the cursor holds the sort keys and id). */
  private suppliers(
    filter: CertifiedSuppliersFilter,
    sort: CertifiedSuppliersSort,
    page?: { after?: string; limit: number },
  ): Promise<SupplierRow[]> {
    const base = [
      new Date(),
      filter.category ?? null,
      filter.regionCode ?? null,
      regionCodesByName(),
      CertificationStatus.VALIDATED,
    ];
    const keyset = supplierPageSql(sort, page?.after, base.length + 1);
    const params = [...base, ...keyset.params];
    const limit = page ? `LIMIT $${params.push(page.limit)}` : '';
    return this.dataSource.query(
      `${SUPPLIERS_WITH_KEYS}
       SELECT *, certified_at::text AS certified_at_text FROM suppliers WHERE ${keyset.where} ORDER BY ${keyset.orderBy} ${limit}`,
      params,
    );
  }

  async list(args: CertifiedSuppliersArgs): Promise<Connection<CertifiedSupplier>> {
    const first = Math.min(args.first ?? 20, MAX_PAGE_SIZE);
    const sort = args.sort ?? CertifiedSuppliersSort.COMPANY;
    const found = await this.suppliers(args, sort, { after: args.after, limit: first + 1 });
    const page = found.slice(0, first);
    const rows = await this.sites(
      args,
      page.map((supplier) => supplier.id),
    );
    const edges = page.map((supplier) => {
      const sites = rows.filter((row) => row.supplier_id === supplier.id).map(site);
      return {
        cursor: encodeSupplierCursor(sort, supplier),
        node: {
          id: supplier.id,
          company: supplier.company,
          salesContact: supplier.sales_contact,
          categories: [...new Set(sites.flatMap((s) => s.categories))].sort(),
          productionSites: sites,
        },
      };
    });
    return {
      edges,
      pageInfo: { hasNextPage: found.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /** Every line of the list, for the CSV export. */
  async csvRecords(
    filter: CertifiedSuppliersFilter,
    sort = CertifiedSuppliersSort.COMPANY,
  ): Promise<string[][]> {
    const [suppliers, sites] = await Promise.all([this.suppliers(filter, sort), this.sites(filter)]);
    const rank = new Map(suppliers.map((supplier, i) => [supplier.id, i]));
    // A stable sort: each supplier's sites keep their order from the query.
    const rows = sites
      .filter((row) => rank.has(row.supplier_id))
      .sort((a, b) => rank.get(a.supplier_id)! - rank.get(b.supplier_id)!);
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
