import { Module } from '@nestjs/common';
import { CoreModule, NotificationProcessor, OutboxRelay } from '@masks/core';
import { ALL_ENTITIES } from '../common/entities';

/** The job process: the outbox relay and the queue consumers. No HTTP. */
@Module({
  imports: [CoreModule.forRoot({ entities: ALL_ENTITIES, poolSize: 30 })],
  providers: [OutboxRelay, NotificationProcessor],
})
export class WorkerModule {}
