import { Field, ObjectType } from '@nestjs/graphql';
import type { BankAccountValue } from '../domain/bank-details';

/** An account to pay by bank transfer, as a value (e.g. the copy an order keeps of its supplier's). */
@ObjectType({ description: 'An account to pay by bank transfer' })
export class BankAccount implements BankAccountValue {
  @Field()
  accountHolder: string;

  @Field({ description: 'Electronic format: upper case, no spaces' })
  iban: string;

  @Field()
  bic: string;
}
