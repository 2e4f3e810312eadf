import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Offer, Product, StockLevel, visibleToBuyers } from '@masks/catalog';
import { findRegion } from '@masks/geography';
import type { MaskCategory } from '@masks/catalog';
import type { CapacityArgs } from './dto/certification.inputs';
import type { CapacityRow } from './models/certification.models';

interface Figures {
  category: MaskCategory;
  region_code: string | null;
  total: string;
  products?: string;
}

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
    const visible = visibleToBuyers('o', { certifiedOn: now, acceptEquivalents: true });
    const stock = this.dataSource
      .getRepository(Offer)
      .createQueryBuilder('o')
      .innerJoin(StockLevel, 's', 's.offer_id = o.id')
      .select('o.category', 'category')
      .addSelect('o.warehouse_region_code', 'region_code')
      .addSelect('sum(s.on_hand - s.reserved)', 'total')
      .where(visible.sql, visible.params)
      .groupBy('o.category')
      .addGroupBy('o.warehouse_region_code');
    const production = this.dataSource
      .getRepository(Product)
      .createQueryBuilder('p')
      .select('p.category', 'category')
      .addSelect('p.production_region_code', 'region_code')
      .addSelect('sum(p.daily_capacity)', 'total')
      .addSelect('count(*)', 'products')
      .where('p.certified_until > :now', { now })
      .groupBy('p.category')
      .addGroupBy('p.production_region_code');
    if (args.category) {
      stock.andWhere('o.category = :category', { category: args.category });
      production.andWhere('p.category = :category', { category: args.category });
    }
    if (args.regionCode) {
      stock.andWhere('o.warehouse_region_code = :region', { region: args.regionCode });
      production.andWhere('p.production_region_code = :region', { region: args.regionCode });
    }
    const [stockRows, productionRows] = await Promise.all([
      stock.getRawMany<Figures>(),
      production.getRawMany<Figures>(),
    ]);

    const rows = new Map<string, CapacityRow>();
    const rowOf = (figures: Figures): CapacityRow => {
      const key = `${figures.category}|${figures.region_code ?? ''}`;
      let row = rows.get(key);
      if (!row) {
        const region = figures.region_code ? findRegion(figures.region_code) : undefined;
        row = {
          category: figures.category,
          regionCode: figures.region_code,
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
