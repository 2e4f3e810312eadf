import { Module } from '@nestjs/common';
import { OrdersModule } from '@masks/orders';
import { NeedsService } from './needs.service';
import { MatchingRunsService } from './matching-runs.service';
import { NeedsResolver } from './needs.resolver';

@Module({
  imports: [OrdersModule],
  providers: [NeedsService, MatchingRunsService, NeedsResolver],
  exports: [NeedsService, MatchingRunsService],
})
export class NeedsModule {}
