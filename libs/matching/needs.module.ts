import { Module } from '@nestjs/common';
import { CatalogModule } from '@masks/catalog';
import { OrdersModule } from '@masks/orders';
import { NeedsService } from './needs.service';
import { MatchingRunsService } from './matching-runs.service';
import { NeedsResolver } from './needs.resolver';

@Module({
  imports: [CatalogModule, OrdersModule],
  providers: [NeedsService, MatchingRunsService, NeedsResolver],
  exports: [NeedsService, MatchingRunsService],
})
export class NeedsModule {}
