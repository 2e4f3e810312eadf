import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { certifiedCapacityBy, visibleStockBy, type MaskCategory, type SupplyCell } from '@masks/catalog';
import { findDepartment } from '@masks/geography';
import { NOT_COVERING } from './matchable-offers';
import { NeedStatus } from './need.entity';
import { assessShortage, byPressure } from './domain/shortage';
import type { ShortageArgs } from './dto/shortage.inputs';
import type { ShortageRow } from './models/shortage.models';

interface NeedCell {
  place_code: string;
  category: MaskCategory;
  total: string;
  needs: number;
  earliest: Date;
}

/**
 * The DGE's shortage view: three aggregates by department and category (open needs' shortfall, visible
 * stock by warehouse, declared production of certified products), then the pure assessment. Rows are
 * the departments and categories with open needs still short; imports (no department) count nowhere.
 */
@Injectable()
export class ShortageService {
  constructor(private readonly dataSource: DataSource) {}

  async shortage(args: ShortageArgs): Promise<ShortageRow[]> {
    const now = new Date();
    const category = args.category ?? null;
    const department = args.departmentCode?.toUpperCase() ?? null;
    const needs = this.dataSource.manager.query<NeedCell[]>(
      `SELECT n.delivery_department_code AS place_code, n.category,
              count(*)::int AS needs, sum(n.quantity - coalesce(c.covered, 0)) AS total,
              min(n.needed_by) AS earliest
         FROM need n
         LEFT JOIN (SELECT o.need_id, sum(l.quantity) AS covered
                      FROM customer_order o JOIN order_line l ON l.order_id = o.id
                     WHERE o.need_id IS NOT NULL AND o.status <> ALL($1::text[])
                     GROUP BY o.need_id) c ON c.need_id = n.id
        WHERE n.status = $2 AND n.expires_at > now() AND n.quantity > coalesce(c.covered, 0)
          AND ($3::text IS NULL OR n.category = $3) AND ($4::text IS NULL OR n.delivery_department_code = $4)
        GROUP BY 1, 2`,
      [NOT_COVERING, NeedStatus.OPEN, category, department],
    );
    const stock = visibleStockBy(this.dataSource, 'department', now);
    const production = certifiedCapacityBy(this.dataSource, 'department', now).andWhere(
      'p.production_department_code IS NOT NULL',
    );
    if (category) {
      stock.andWhere('o.category = :category', { category });
      production.andWhere('p.category = :category', { category });
    }
    if (department) {
      stock.andWhere('o.warehouse_department_code = :department', { department });
      production.andWhere('p.production_department_code = :department', { department });
    }
    const [needCells, stockCells, productionCells] = await Promise.all([
      needs,
      stock.getRawMany<SupplyCell>(),
      production.getRawMany<SupplyCell>(),
    ]);
    const key = (cell: SupplyCell | NeedCell) => `${cell.place_code}|${cell.category}`;
    const stockBy = new Map(stockCells.map((cell) => [key(cell), Number(cell.total)]));
    const productionBy = new Map(productionCells.map((cell) => [key(cell), Number(cell.total)]));

    const rows: ShortageRow[] = [];
    for (const cell of needCells) {
      const place = findDepartment(cell.place_code);
      if (!place || (args.regionCode && place.regionCode !== args.regionCode)) continue;
      const figures = {
        openNeeds: cell.needs,
        shortfall: Number(cell.total),
        stockAvailable: stockBy.get(key(cell)) ?? 0,
        dailyCapacity: productionBy.get(key(cell)) ?? 0,
        earliestNeededBy: new Date(cell.earliest),
      };
      const assessment = assessShortage(figures, now);
      if (args.atRiskOnly && !assessment.atRisk) continue;
      rows.push({
        departmentCode: place.code,
        departmentName: place.name,
        regionCode: place.regionCode,
        category: cell.category,
        ...figures,
        ...assessment,
      });
    }
    return rows.sort(byPressure);
  }
}
