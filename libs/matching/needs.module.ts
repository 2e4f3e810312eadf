import { Module } from '@nestjs/common';
import { CatalogModule } from '@masks/catalog';
import { OrdersModule } from '@masks/orders';
import { NeedsService } from './needs.service';
import { MatchingRunsService } from './matching-runs.service';
import { NeedsResolver } from './needs.resolver';
import { ShortageService } from './shortage.service';
import { ShortageResolver } from './shortage.resolver';

@Module({
  imports: [CatalogModule, OrdersModule],
  providers: [NeedsService, MatchingRunsService, NeedsResolver, ShortageService, ShortageResolver],
  exports: [NeedsService, MatchingRunsService],
})
export class NeedsModule {}
