import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  BadInputError,
  NotFoundError,
  RequestContext,
  audit,
  once,
  paginate,
  type Connection,
  type PageArgs,
} from '@masks/core';
import { findDepartment } from '@masks/geography';
import { MaskStandard } from './standard.entity';
import { Product } from './product.entity';
import type { ProductInput } from './dto/catalog.inputs';

function snapshot(product: Product): Record<string, unknown> {
  const {
    id,
    category,
    standardCode,
    brand,
    model,
    reusable,
    declaredWashes,
    packSize,
    countryOfProduction,
    ceMarked,
    dailyCapacity,
  } = product;
  return {
    id,
    category,
    standardCode,
    brand,
    model,
    reusable,
    declaredWashes,
    packSize,
    countryOfProduction,
    ceMarked,
    dailyCapacity,
  };
}

@Injectable()
export class ProductsService {
  constructor(private readonly dataSource: DataSource) {}

  listStandards(): Promise<MaskStandard[]> {
    return this.dataSource
      .getRepository(MaskStandard)
      .find({ order: { category: 'ASC', kind: 'DESC', code: 'ASC' } });
  }

  /** Checks what class-validator cannot: the standard grants the category, washes, place of production. */
  private async resolve(manager: EntityManager, input: ProductInput) {
    const standard = await manager.findOneBy(MaskStandard, { code: input.standardCode });
    if (!standard)
      throw new BadInputError(`Unknown standard "${input.standardCode}"`, {
        field: 'standardCode',
        reason: 'UNKNOWN_STANDARD',
        args: { standardCode: input.standardCode },
      });
    if (standard.category !== input.category) {
      throw new BadInputError(
        `${standard.name} certifies ${standard.category} masks, not ${input.category}`,
        {
          field: 'standardCode',
          reason: 'STANDARD_NOT_FOR_CATEGORY',
          args: { standard: standard.name, standardCategory: standard.category, category: input.category },
        },
      );
    }
    if (input.reusable && !input.declaredWashes) {
      throw new BadInputError('A reusable mask must declare how many washes it holds', {
        field: 'declaredWashes',
        reason: 'WASHES_REQUIRED_FOR_REUSABLE',
      });
    }
    const country = input.countryOfProduction.toUpperCase();
    let department: ReturnType<typeof findDepartment> = undefined;
    if (input.productionDepartmentCode) {
      if (country !== 'FR')
        throw new BadInputError('A department of production is for masks made in France', {
          field: 'productionDepartmentCode',
          reason: 'PRODUCTION_DEPARTMENT_OUTSIDE_FRANCE',
        });
      department = findDepartment(input.productionDepartmentCode);
      if (!department)
        throw new BadInputError(`Unknown department code "${input.productionDepartmentCode}"`, {
          field: 'productionDepartmentCode',
          reason: 'UNKNOWN_DEPARTMENT',
          args: { departmentCode: input.productionDepartmentCode },
        });
    }
    return {
      category: input.category,
      standardCode: standard.code,
      brand: input.brand.trim(),
      model: input.model.trim(),
      reusable: input.reusable,
      declaredWashes: input.reusable ? (input.declaredWashes ?? null) : null,
      packSize: input.packSize,
      countryOfProduction: country,
      productionCity: input.productionCity?.trim() ?? null,
      productionDepartmentCode: department?.code ?? null,
      productionRegionCode: department?.regionCode ?? null,
      ceMarked: input.ceMarked,
      dailyCapacity: input.dailyCapacity ?? 0,
    };
  }

  create(ctx: RequestContext, input: ProductInput, idempotencyKey?: string): Promise<Product> {
    return this.dataSource.transaction(async (manager) =>
      once(
        manager,
        ctx,
        { key: idempotencyKey, operation: 'createProduct', input },
        async () => {
          const product = await manager.save(
            manager.create(Product, {
              ...(await this.resolve(manager, input)),
              supplierId: ctx.organisationId,
            }),
          );
          await audit(manager, ctx, {
            action: 'product.created',
            entityType: 'product',
            entityId: product.id,
            organisationId: product.supplierId,
            after: snapshot(product),
          });
          return { id: product.id, value: product };
        },
        (id) => manager.findOneByOrFail(Product, { id }),
      ),
    );
  }

  /**
   * Category and standard are what the certification was judged on: changing them would carry a
   * certification over to another mask, so they are fixed once the product exists.
   */
  update(ctx: RequestContext, id: string, input: ProductInput): Promise<Product> {
    return this.dataSource.transaction(async (manager) => {
      const product = await this.ownedForUpdate(manager, ctx, id);
      if (input.category !== product.category || input.standardCode !== product.standardCode) {
        throw new BadInputError('Category and standard cannot change: register a new product', {
          field: 'standardCode',
          reason: 'CATEGORY_AND_STANDARD_FIXED',
        });
      }
      const before = snapshot(product);
      Object.assign(product, await this.resolve(manager, input));
      const saved = await manager.save(product);
      // Offers copy where the mask is made, so searches stay on one table.
      await manager.query(`UPDATE offer SET made_in_france = $2 WHERE product_id = $1`, [
        id,
        saved.madeInFrance,
      ]);
      await audit(manager, ctx, {
        action: 'product.updated',
        entityType: 'product',
        entityId: id,
        organisationId: product.supplierId,
        before,
        after: snapshot(saved),
      });
      return saved;
    });
  }

  /** The caller's own product, locked; another supplier's reads as not found. */
  async ownedForUpdate(manager: EntityManager, ctx: RequestContext, id: string): Promise<Product> {
    const product = await manager
      .getRepository(Product)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id AND p.supplier_id = :me', { id, me: ctx.organisationId })
      .getOne();
    if (!product) throw new NotFoundError('Product', id);
    return product;
  }

  /** Its supplier and the DGE see a product directly; buyers see it through the offers they may see. */
  async findVisible(ctx: RequestContext, id: string): Promise<Product> {
    const product = await this.dataSource.getRepository(Product).findOneBy({ id });
    if (!product || (!ctx.isDge && product.supplierId !== ctx.organisationId))
      throw new NotFoundError('Product', id);
    return product;
  }

  listOwn(ctx: RequestContext, args: PageArgs): Promise<Connection<Product>> {
    const qb = this.dataSource
      .getRepository(Product)
      .createQueryBuilder('p')
      .where('p.supplier_id = :me', { me: ctx.organisationId });
    return paginate(
      qb,
      'p.id',
      { column: 'p.created_at', value: (p) => p.createdAt, direction: 'DESC' },
      args,
    );
  }

  /** Batched for Offer.product: products are public once an offer of theirs is visible. */
  byId(ctx: RequestContext, id: string): Promise<Product | null> {
    return ctx
      .loader<string, Product | null>('catalog.product', async (ids) => {
        const rows = await this.dataSource
          .getRepository(Product)
          .createQueryBuilder('p')
          .where('p.id = ANY(:ids)', { ids: [...ids] })
          .getMany();
        return ids.map((id) => rows.find((row) => row.id === id) ?? null);
      })
      .load(id);
  }
}
