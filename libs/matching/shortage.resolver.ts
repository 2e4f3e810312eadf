import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Role } from '@masks/core';
import { ShortageService } from './shortage.service';
import { ShortageArgs } from './dto/shortage.inputs';
import { ShortageRow } from './models/shortage.models';

@Resolver()
export class ShortageResolver {
  constructor(private readonly shortageService: ShortageService) {}

  @Query(() => [ShortageRow], {
    description:
      'DGE: open needs against visible stock and declared daily production, by delivery department and category, most pressing first',
  })
  @Allow([Role.DGE_OFFICER])
  shortage(@Args() args: ShortageArgs): Promise<ShortageRow[]> {
    return this.shortageService.shortage(args);
  }
}
