import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  notificationEvent,
  QUEUES,
  QueueRegistry,
  recordEvents,
  runOnce,
  type AppConfig,
  type OutboxJob,
} from '@masks/core';
import { adminContactOf } from '@masks/organisations';
import { Need, NeedStatus } from './need.entity';
import { MATCHING_EVENT_TYPES } from './need.events';
import { MatchingRunsService } from './matching-runs.service';
import { lapseProposals } from './matchable-offers';

const RUN_SCHEDULER_ID = 'matching-run-every';
const SCHEDULED_RUN = 'matching-run-scheduled';

type NeedJob = OutboxJob<{ needId?: string; expiresAt?: string }>;

/**
 * Needs' reminders and expiry (each a no-op if the need was re-confirmed or closed since it was
 * scheduled), and batch matching runs: on request, and every MATCHING_INTERVAL_MINUTES.
 */
@Injectable()
export class MatchingProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(MatchingProcessor.name);

  constructor(
    private readonly queues: QueueRegistry,
    private readonly dataSource: DataSource,
    private readonly runs: MatchingRunsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queues.worker<NeedJob>(QUEUES.matching, (job) => this.process(job), { concurrency: 4 });
    if (!this.config.matchingIntervalMinutes) return;
    await this.queues
      .queue(QUEUES.matching)
      .upsertJobScheduler(
        RUN_SCHEDULER_ID,
        { every: this.config.matchingIntervalMinutes * 60_000 },
        { name: SCHEDULED_RUN, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      )
      .catch((error: Error) => this.logger.warn(`matching schedule not registered: ${error.message}`));
  }

  async process(job: Job<NeedJob>): Promise<void> {
    if (job.name === SCHEDULED_RUN) {
      await this.runs.run();
      return;
    }
    const { eventId, type, payload } = job.data;
    await runOnce(this.dataSource.manager, eventId, `matching:${type}`, async (manager) => {
      if (type === MATCHING_EVENT_TYPES.runRequested) {
        // In the same transaction as the processed-event record: the outbox stops redelivering it.
        await this.runs.run(manager);
        return;
      }
      const need = await manager
        .getRepository(Need)
        .createQueryBuilder('n')
        .setLock('pessimistic_write')
        .where('n.id = :id', { id: payload.needId })
        .getOne();
      if (!need || need.status !== NeedStatus.OPEN || need.expiresAt.toISOString() !== payload.expiresAt)
        return;
      if (type === MATCHING_EVENT_TYPES.needReminder) await this.remind(manager, need);
      if (type === MATCHING_EVENT_TYPES.needExpiry) {
        need.status = NeedStatus.EXPIRED;
        await manager.save(need);
        await lapseProposals(manager, need.id);
      }
    });
  }

  private async remind(manager: EntityManager, need: Need): Promise<void> {
    const recipient = await adminContactOf(manager, need.buyerId);
    if (!recipient) return;
    await recordEvents(manager, [
      notificationEvent({
        recipient,
        subject: 'Votre besoin en masques est-il toujours d’actualité ?',
        body: `Votre besoin de ${need.quantity} masques ${need.category} expire le ${need.expiresAt.toISOString().slice(0, 10)} : confirmez-le pour rester servi.`,
      }),
    ]);
  }
}
