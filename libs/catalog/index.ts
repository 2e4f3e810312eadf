export * from './domain/categories';
export * from './domain/offer.rules';
export * from './domain/stock-ledger';
export * from './standard.entity';
export * from './product.entity';
export * from './offer.entity';
export * from './offer-withdrawal';
export * from './product-reads';
export * from './offer-visibility';
export * from './stock';
export * from './supply-aggregates';
export * from './catalog.module';
export * from './products.service';
export * from './offers.service';
export * from './offer-search.service';
export * from './models/catalog.models';
export * from './demo-data';

import { MaskStandard } from './standard.entity';
import { Product } from './product.entity';
import { Offer, StockLevel, StockMovement } from './offer.entity';

export const catalogEntities = [MaskStandard, Product, Offer, StockLevel, StockMovement];
