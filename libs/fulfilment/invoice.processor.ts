import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES, QueueRegistry, runOnce, type OutboxJob } from '@masks/core';
import { InvoicesService } from '@masks/orders';

/** Issues invoices (bank transfer: at ordering; card and SEPA: once paid). Once per order, whatever the redeliveries. */
@Injectable()
export class InvoiceProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly queues: QueueRegistry,
    private readonly dataSource: DataSource,
    private readonly invoices: InvoicesService,
  ) {}

  onApplicationBootstrap(): void {
    this.queues.worker<OutboxJob<{ orderId: string }>>(QUEUES.invoices, (job) => this.process(job), {
      concurrency: 4,
    });
  }

  async process(job: Job<OutboxJob<{ orderId: string }>>): Promise<void> {
    const { eventId, payload } = job.data;
    await runOnce(this.dataSource.manager, eventId, 'invoices:issue', async (manager) => {
      await this.invoices.issue(manager, payload.orderId);
    });
  }
}
