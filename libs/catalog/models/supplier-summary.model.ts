import { Field, ID, ObjectType } from '@nestjs/graphql';

/** What a buyer may know of a supplier: its public trading identity, as on the DGE list. */
@ObjectType()
export class SupplierSummary {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  city: string | null;

  @Field()
  departmentCode: string;

  @Field()
  regionCode: string;

  @Field(() => String, { nullable: true })
  salesContact: string | null;
}
