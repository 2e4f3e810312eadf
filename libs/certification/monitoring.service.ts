import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { certifiedCapacityBy, visibleStockBy, type SupplyCell } from '@masks/catalog';
import { findRegion } from '@masks/geography';
import type { MaskCategory } from '@masks/catalog';
import type { CapacityArgs } from './dto/certification.inputs';
import type { CapacityRow } from './models/certification.models';

/**
 * What the DGE watches beyond single certifications: what can be delivered now, per category and
 * region. Stock counts where the lots are (warehouse region) and only on offers buyers can see;
 * production counts where the certified masks are made (no region: imports).
 */
@Injectable()
export class CertificationMonitoringService {
  constructor(private readonly dataSource: DataSource) {}

  async capacity(args: CapacityArgs): Promise<CapacityRow[]> {
    const now = new Date();
    const stock = visibleStockBy(this.dataSource, 'region', now);
    const production = certifiedCapacityBy(this.dataSource, 'region', now);
    if (args.category) {
      stock.andWhere('o.category = :category', { category: args.category });
      production.andWhere('p.category = :category', { category: args.category });
    }
    if (args.regionCode) {
      stock.andWhere('o.warehouse_region_code = :region', { region: args.regionCode });
      production.andWhere('p.production_region_code = :region', { region: args.regionCode });
    }
    const [stockRows, productionRows] = await Promise.all([
      stock.getRawMany<SupplyCell>(),
      production.getRawMany<SupplyCell>(),
    ]);

    const rows = new Map<string, CapacityRow>();
    const rowOf = (figures: SupplyCell): CapacityRow => {
      const key = `${figures.category}|${figures.place_code ?? ''}`;
      let row = rows.get(key);
      if (!row) {
        const region = figures.place_code ? findRegion(figures.place_code) : undefined;
        row = {
          category: figures.category as MaskCategory,
          regionCode: figures.place_code,
          regionName: region?.name ?? null,
          stockAvailable: 0,
          dailyCapacity: 0,
          certifiedProducts: 0,
        };
        rows.set(key, row);
      }
      return row;
    };
    for (const figures of stockRows) rowOf(figures).stockAvailable = Number(figures.total);
    for (const figures of productionRows) {
      const row = rowOf(figures);
      row.dailyCapacity = Number(figures.total);
      row.certifiedProducts = Number(figures.products);
    }
    return [...rows.values()].sort(
      (a, b) =>
        a.category.localeCompare(b.category) || (a.regionCode ?? '~').localeCompare(b.regionCode ?? '~'),
    );
  }
}
