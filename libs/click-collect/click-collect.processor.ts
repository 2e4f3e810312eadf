import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { QUEUES, QueueRegistry } from '@masks/core';
import { ClickCollectExpiry } from './order-expiry';

export const PICKUP_EXPIRY_SCHEDULER_ID = 'click-collect-expiry';
export const PICKUP_EXPIRY_JOB = 'click-collect.expire-due';
const EXPIRY_EVERY_MS = 10 * 60_000;
const SCHEDULER_RETRY_MS = 60_000;

/**
 * Worker side of click & collect: a BullMQ job scheduler with a fixed id (every worker upserts the
 * same one, so it runs once per period) sweeps the orders not collected in time. The sweep is
 * idempotent (see ClickCollectExpiry), so an overlapping run changes nothing twice.
 */
@Injectable()
export class ClickCollectProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(ClickCollectProcessor.name);

  constructor(
    private readonly queues: QueueRegistry,
    private readonly expiry: ClickCollectExpiry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queues.worker(QUEUES.clickCollect, async (job) => {
      if (job.name !== PICKUP_EXPIRY_JOB) return;
      const expired = await this.expiry.expireOverdue(new Date());
      if (expired) this.logger.log(`${expired} click & collect order(s) expired`);
    });
    await this.schedule();
  }

  /** Registers the schedule; if the queue backend is down at start, tries again until it is back. */
  private async schedule(): Promise<void> {
    try {
      await this.queues
        .queue(QUEUES.clickCollect)
        .upsertJobScheduler(
          PICKUP_EXPIRY_SCHEDULER_ID,
          { every: EXPIRY_EVERY_MS },
          { name: PICKUP_EXPIRY_JOB, opts: { removeOnComplete: 100, removeOnFail: 100 } },
        );
    } catch (error) {
      this.logger.warn(`expiry schedule not registered yet (${(error as Error).message}); retrying`);
      setTimeout(() => void this.schedule(), SCHEDULER_RETRY_MS).unref();
    }
  }
}
