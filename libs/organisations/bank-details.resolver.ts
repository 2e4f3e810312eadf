import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx, RequestContext, Role } from '@masks/core';
import { SupplierBankDetails } from './bank-details.entity';
import { BankDetailsService } from './bank-details.service';
import { BankDetailsInput } from './dto/bank-details.input';
import { FOR_SUPPLIERS } from './domain/organisation.rules';

@Resolver(() => SupplierBankDetails)
export class BankDetailsResolver {
  constructor(private readonly service: BankDetailsService) {}

  @Query(() => SupplierBankDetails, {
    nullable: true,
    description: 'The account the caller’s organisation is paid on by bank transfer; null if none declared',
  })
  @Allow([Role.ORG_ADMIN, Role.SUPPLIER_MANAGER], [], FOR_SUPPLIERS)
  myBankDetails(@Ctx() ctx: RequestContext): Promise<SupplierBankDetails | null> {
    return this.service.mine(ctx);
  }

  @Mutation(() => SupplierBankDetails, {
    description:
      'A supplier’s admin declares or replaces the account its bank-transfer orders are paid on (IBAN and BIC checked; audited). Orders already placed keep the account in force when they were placed.',
  })
  @Allow([Role.ORG_ADMIN], [], FOR_SUPPLIERS)
  setMyBankDetails(
    @Ctx() ctx: RequestContext,
    @Args('input') input: BankDetailsInput,
  ): Promise<SupplierBankDetails> {
    return this.service.set(ctx, input);
  }
}
