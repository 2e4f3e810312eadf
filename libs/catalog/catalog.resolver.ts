import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Allow,
  ApiScope,
  Authenticated,
  Ctx,
  connectionComplexity,
  IDEMPOTENCY_KEY_DESCRIPTION,
  PageArgs,
  Public,
  RequestContext,
  Role,
} from '@masks/core';
import { FOR_SUPPLIERS, FOR_SUPPLIERS_AND_DGE } from '@masks/organisations';
import { MaskStandard } from './standard.entity';
import { Product } from './product.entity';
import { Offer, OfferStatus, StockLevel } from './offer.entity';
import { ProductsService } from './products.service';
import { OffersService } from './offers.service';
import { OfferSearchService } from './offer-search.service';
import {
  OfferInput,
  OfferSearchArgs,
  OfferTermsInput,
  OfferUpsertInput,
  ProductInput,
  StockMovementInput,
  StockMovementsArgs,
  SupplierOffersArgs,
} from './dto/catalog.inputs';
import {
  OfferConnection,
  OfferUpsertPayload,
  ProductConnection,
  StockMovementConnection,
} from './models/catalog.models';

const SUPPLIER = [Role.SUPPLIER_MANAGER];
const CATALOG_WRITE = [ApiScope.CATALOG_WRITE];

@Resolver(() => Product)
export class ProductsResolver {
  constructor(private readonly products: ProductsService) {}

  @Query(() => [MaskStandard], {
    description: 'Standards that grant a category, with derogation windows and thresholds',
  })
  @Public()
  maskStandards(): Promise<MaskStandard[]> {
    return this.products.listStandards();
  }

  @Mutation(() => Product, { description: 'A supplier registers a mask model' })
  @Allow(SUPPLIER, CATALOG_WRITE, FOR_SUPPLIERS)
  createProduct(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ProductInput,
    @Args('idempotencyKey', { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<Product> {
    return this.products.create(ctx, input, idempotencyKey);
  }

  @Mutation(() => Product, { description: 'Category and standard cannot change' })
  @Allow(SUPPLIER, CATALOG_WRITE, FOR_SUPPLIERS)
  updateProduct(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('input') input: ProductInput,
  ): Promise<Product> {
    return this.products.update(ctx, id, input);
  }

  @Query(() => ProductConnection, { complexity: connectionComplexity })
  @Allow(SUPPLIER, CATALOG_WRITE, FOR_SUPPLIERS)
  myProducts(@Ctx() ctx: RequestContext, @Args() args: PageArgs): Promise<ProductConnection> {
    return this.products.listOwn(ctx, args);
  }

  @Query(() => Product, { description: 'Its supplier and the DGE; buyers reach products through offers' })
  @Authenticated()
  product(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<Product> {
    return this.products.findVisible(ctx, id);
  }

  @ResolveField(() => Boolean)
  madeInFrance(@Parent() product: Product): boolean {
    return product.madeInFrance;
  }
}

@Resolver(() => Offer)
export class OffersResolver {
  constructor(
    private readonly offerService: OffersService,
    private readonly search: OfferSearchService,
    private readonly products: ProductsService,
  ) {}

  @Mutation(() => Offer, {
    description: 'Puts a lot on the market (visible to buyers once the product is certified)',
  })
  @Allow(SUPPLIER, CATALOG_WRITE, FOR_SUPPLIERS)
  async createOffer(
    @Ctx() ctx: RequestContext,
    @Args('input') input: OfferInput,
    @Args('idempotencyKey', { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<Offer> {
    return this.offerService.withListingOne(await this.offerService.create(ctx, input, idempotencyKey));
  }

  @Mutation(() => Offer)
  @Allow(SUPPLIER, CATALOG_WRITE, FOR_SUPPLIERS)
  async updateOfferTerms(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('input') input: OfferTermsInput,
  ): Promise<Offer> {
    return this.offerService.withListingOne(await this.offerService.updateTerms(ctx, id, input));
  }

  @Mutation(() => Offer)
  @Allow(SUPPLIER, CATALOG_WRITE, FOR_SUPPLIERS)
  async withdrawOffer(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('reason', { nullable: true }) reason?: string,
  ): Promise<Offer> {
    return this.offerService.withListingOne(
      await this.offerService.setStatus(ctx, id, OfferStatus.WITHDRAWN, reason?.slice(0, 300)),
    );
  }

  @Mutation(() => Offer)
  @Allow(SUPPLIER, CATALOG_WRITE, FOR_SUPPLIERS)
  async republishOffer(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<Offer> {
    return this.offerService.withListingOne(await this.offerService.setStatus(ctx, id, OfferStatus.ACTIVE));
  }

  @Mutation(() => StockLevel, { description: 'Goods received, or a correction with its reason' })
  @Allow(SUPPLIER, CATALOG_WRITE, FOR_SUPPLIERS)
  async recordStockMovement(
    @Ctx() ctx: RequestContext,
    @Args('input') input: StockMovementInput,
  ): Promise<StockLevel> {
    const level = await this.offerService.recordStock(ctx, input);
    return Object.assign(new StockLevel(), { offerId: input.offerId, ...level });
  }

  @Mutation(() => OfferUpsertPayload, {
    description:
      'ERP synchronisation by externalRef: idempotent, all rows or none (errors list each bad row)',
  })
  @Allow(SUPPLIER, CATALOG_WRITE, FOR_SUPPLIERS)
  upsertOffers(
    @Ctx() ctx: RequestContext,
    @Args('input') input: OfferUpsertInput,
  ): Promise<OfferUpsertPayload> {
    return this.offerService.upsert(ctx, input.rows);
  }

  @Query(() => OfferConnection, {
    complexity: connectionComplexity,
    description: 'The caller’s own offers, withdrawn ones included',
  })
  @Allow(SUPPLIER, CATALOG_WRITE, FOR_SUPPLIERS)
  async myOffers(@Ctx() ctx: RequestContext, @Args() args: SupplierOffersArgs): Promise<OfferConnection> {
    return this.listed(await this.offerService.listOwn(ctx, args));
  }

  @Query(() => OfferConnection, {
    complexity: connectionComplexity,
    description: 'Certified offers buyers can order from, filtered and sorted (price, lead time, distance)',
  })
  @Authenticated()
  async offers(@Ctx() ctx: RequestContext, @Args() args: OfferSearchArgs): Promise<OfferConnection> {
    return this.search.search(ctx, args);
  }

  @Query(() => Offer)
  @Authenticated()
  async offer(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<Offer> {
    return this.offerService.withListingOne(await this.offerService.findVisible(ctx, id));
  }

  @Query(() => StockMovementConnection, {
    complexity: connectionComplexity,
    description: 'The stock ledger of an offer',
  })
  @Allow([Role.SUPPLIER_MANAGER, Role.DGE_OFFICER], CATALOG_WRITE, FOR_SUPPLIERS_AND_DGE)
  stockMovements(
    @Ctx() ctx: RequestContext,
    @Args() args: StockMovementsArgs,
  ): Promise<StockMovementConnection> {
    return this.offerService.movements(ctx, args.offerId, args);
  }

  private async listed(connection: OfferConnection): Promise<OfferConnection> {
    await this.offerService.withListing(connection.edges.map((edge) => edge.node));
    return connection;
  }

  @ResolveField(() => Product)
  async product(@Ctx() ctx: RequestContext, @Parent() offer: Offer): Promise<Product | null> {
    return this.products.byId(ctx, offer.productId);
  }

  @ResolveField(() => StockLevel, {
    nullable: true,
    description: 'On hand and reserved: for the supplier and the DGE only',
  })
  async stock(@Ctx() ctx: RequestContext, @Parent() offer: Offer): Promise<StockLevel | null> {
    if (!ctx.isDge && ctx.principal?.organisationId !== offer.supplierId) return null;
    return this.offerService.stockOf(ctx, offer.id);
  }
}
