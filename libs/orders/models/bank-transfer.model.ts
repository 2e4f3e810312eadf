import { Field, ObjectType } from '@nestjs/graphql';
import { BankAccount } from '@masks/organisations';

@ObjectType({ description: 'How to pay an order by bank transfer' })
export class BankTransferInstructions {
  @Field({
    description:
      'The reference the buyer quotes on its transfer, so the supplier can match the payment: the order number',
  })
  reference: string;

  @Field(() => BankAccount, {
    nullable: true,
    description:
      'The supplier’s account as declared when the order was placed (a later change does not apply to it); null when the supplier had declared none: ask the supplier',
  })
  account: BankAccount | null;
}
