import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@masks/organisations';
import { ProductsService } from './products.service';
import { OffersService } from './offers.service';
import { OfferSearchService } from './offer-search.service';
import { OffersResolver, ProductsResolver } from './catalog.resolver';
import { CatalogDemoData } from './demo-data';

@Module({
  imports: [OrganisationsModule],
  providers: [
    ProductsService,
    OffersService,
    OfferSearchService,
    ProductsResolver,
    OffersResolver,
    CatalogDemoData,
  ],
  exports: [ProductsService, OffersService, OfferSearchService, CatalogDemoData],
})
export class CatalogModule {}
