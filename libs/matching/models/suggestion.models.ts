import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Offer } from '@masks/catalog';

@ObjectType()
export class SuggestedOffer {
  @Field(() => Offer)
  offer: Offer;

  @Field(() => Int, { description: 'What the need would buy from it: a whole number of lots' })
  quantity: number;

  @Field(() => Int)
  unitPriceMicros: number;

  @Field(() => Float, {
    description: 'Weighted score, higher first (price, distance, delivery, made in France)',
  })
  score: number;

  @Field({
    description: 'e.g. "0,42 €/unit at 50,000 units, same region, delivered in 5 days, made in France"',
  })
  explanation: string;

  @Field()
  estimatedDelivery: Date;
}

@ObjectType()
export class ExclusionReason {
  @Field({ description: 'e.g. CERTIFICATION_ENDS_BEFORE_DELIVERY, BELOW_MINIMUM_ORDER' })
  code: string;

  @Field()
  message: string;
}

@ObjectType()
export class ExcludedOfferModel {
  @Field(() => Offer)
  offer: Offer;

  @Field(() => [ExclusionReason])
  reasons: ExclusionReason[];
}

@ObjectType()
export class NeedSuggestions {
  @Field(() => [SuggestedOffer])
  ranked: SuggestedOffer[];

  @Field(() => [ExcludedOfferModel], {
    description: 'Offers of the category that cannot serve this need, and why',
  })
  excluded: ExcludedOfferModel[];
}
