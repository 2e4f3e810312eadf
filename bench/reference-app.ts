import 'reflect-metadata';
import { Module, type OnModuleDestroy } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Args, Field, GraphQLModule, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { Column, Entity, PrimaryColumn, type Repository } from 'typeorm';
import { placeRaw } from './raw-order';

/**
 * The reference the benchmarks compare against: a bare Nest + Apollo app (same driver, code-first,
 * autoSchemaFile) with one resolver returning a constant. No guards, no middleware.
 *
 * Its other fields are floors, reported next to the official figures: what the bare framework costs
 * when it does a scenario's database work and nothing else (no auth, validation, logs, metrics, rate
 * limit). `organisation`: one TypeORM find (STACK.md's "with one TypeORM find"); `searchOffers`: the
 * statement of a buyer's offer search page; `placeOrderRaw`: the statements of placeOrder as raw SQL.
 */
@Entity('organisation')
class ReferenceOrganisationRow {
  @PrimaryColumn('uuid') id: string;
  @Column() name: string;
  @Column() siret: string;
}

@ObjectType('Organisation')
class ReferenceOrganisation {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() siret: string;
}

@ObjectType('Supplier')
class ReferenceSupplier {
  @Field() name: string;
}

@ObjectType('Offer')
class ReferenceOffer {
  @Field(() => ID) id: string;
  @Field(() => Int) fromPriceMicros: number;
  @Field(() => Int) leadTimeDays: number;
  @Field() warehouseDepartmentCode: string;
  @Field(() => Int) available: number;
  @Field(() => ReferenceSupplier) supplier: ReferenceSupplier;
}

@ObjectType('OfferEdge')
class ReferenceOfferEdge {
  @Field() cursor: string;
  @Field(() => ReferenceOffer) node: ReferenceOffer;
}

@ObjectType('PageInfo')
class ReferencePageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType('OfferConnection')
class ReferenceOfferConnection {
  @Field(() => [ReferenceOfferEdge]) edges: ReferenceOfferEdge[];
  @Field(() => ReferencePageInfo) pageInfo: ReferencePageInfo;
}

const ORGANISATION: ReferenceOrganisation = {
  id: '00000000-0000-4000-8000-000000000000',
  name: 'Entreprise de référence',
  siret: '13000000000019',
};

/** The offer search's statement for a category, a quantity and a price cap, sorted by price (as OfferSearchService sends it). */
const SEARCH = `SELECT o.id, o.from_price_micros AS "fromPriceMicros", o.lead_time_days AS "leadTimeDays", o.warehouse_department_code AS "warehouseDepartmentCode",
    (SELECT s.on_hand - s.reserved FROM stock_level s WHERE s.offer_id = o.id) AS available,
    (SELECT json_build_object('name', g.name) FROM organisation g WHERE g.id = o.supplier_id) AS supplier
  FROM offer o
  WHERE o.status = 'ACTIVE' AND (o.valid_until IS NULL OR o.valid_until > now())
    AND EXISTS (SELECT 1 FROM product p WHERE p.id = o.product_id AND p.certified_until > now())
    AND EXISTS (SELECT 1 FROM stock_level s WHERE s.offer_id = o.id AND s.on_hand - s.reserved >= GREATEST(o.minimum_order_quantity, $2))
    AND o.category = $1 AND o.minimum_order_quantity <= $2 AND o.from_price_micros <= $3
    AND EXISTS (SELECT 1 FROM jsonb_array_elements(o.price_tiers) t WHERE (t->>'minQuantity')::int <= $2 AND (t->>'unitPriceMicros')::int <= $3)
  ORDER BY o.from_price_micros, o.id LIMIT $4`;

@Resolver()
class ReferenceResolver implements OnModuleDestroy {
  private readonly pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });

  constructor(
    @InjectRepository(ReferenceOrganisationRow) private readonly rows: Repository<ReferenceOrganisationRow>,
  ) {}

  @Query(() => ReferenceOrganisation)
  myOrganisation(): ReferenceOrganisation {
    return ORGANISATION;
  }

  @Query(() => ReferenceOrganisation, { nullable: true })
  organisation(@Args('id', { type: () => ID }) id: string): Promise<ReferenceOrganisation | null> {
    return this.rows.findOneBy({ id });
  }

  @Query(() => ReferenceOfferConnection)
  async searchOffers(
    @Args('category') category: string,
    @Args('quantity', { type: () => Int }) quantity: number,
    @Args('maxUnitPriceMicros', { type: () => Int }) maxUnitPriceMicros: number,
    @Args('first', { type: () => Int }) first: number,
  ): Promise<ReferenceOfferConnection> {
    const rows: ReferenceOffer[] = await this.rows.manager.query(SEARCH, [
      category,
      quantity,
      maxUnitPriceMicros,
      first + 1,
    ]);
    const edges = rows.slice(0, first).map((node) => ({
      cursor: Buffer.from(JSON.stringify([node.fromPriceMicros, node.id])).toString('base64url'),
      node,
    }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Mutation(() => Boolean)
  async placeOrderRaw(
    @Args('offerId', { type: () => ID }) offerId: string,
    @Args('productId', { type: () => ID }) productId: string,
    @Args('supplierId', { type: () => ID }) supplierId: string,
    @Args('buyerId', { type: () => ID }) buyerId: string,
  ): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await placeRaw(client, { offerId, productId, supplierId }, buyerId);
      return true;
    } finally {
      client.release();
    }
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.end();
  }
}

@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      autoSchemaFile: true,
      path: '/graphql',
      playground: false,
    }),
    TypeOrmModule.forRoot({
      type: 'postgres',
      url: process.env.DATABASE_URL,
      entities: [ReferenceOrganisationRow],
      synchronize: false,
      logging: false,
    }),
    TypeOrmModule.forFeature([ReferenceOrganisationRow]),
  ],
  providers: [ReferenceResolver],
})
class ReferenceModule {}

export function createReferenceApp(): Promise<NestExpressApplication> {
  return NestFactory.create<NestExpressApplication>(ReferenceModule, { logger: false });
}
