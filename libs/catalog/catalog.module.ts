import { Module } from '@nestjs/common';
import { ProductsService } from './products.service';
import { OffersService } from './offers.service';
import { OfferSearchService } from './offer-search.service';
import { OffersResolver, ProductsResolver } from './catalog.resolver';

@Module({
  providers: [ProductsService, OffersService, OfferSearchService, ProductsResolver, OffersResolver],
  exports: [ProductsService, OffersService, OfferSearchService],
})
export class CatalogModule {}
