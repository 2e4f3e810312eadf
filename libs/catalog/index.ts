export * from './domain/categories';
export * from './domain/offer.rules';
export * from './domain/stock-ledger';
export * from './standard.entity';
export * from './product.entity';
export * from './offer.entity';
export * from './offer-withdrawal';

import { MaskStandard } from './standard.entity';
import { Product } from './product.entity';
import { Offer, StockLevel, StockMovement } from './offer.entity';

export const catalogEntities = [MaskStandard, Product, Offer, StockLevel, StockMovement];
