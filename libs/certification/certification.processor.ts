import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  QUEUES,
  QueueRegistry,
  RequestContext,
  audit,
  notificationEvent,
  recordEvents,
  runOnce,
  type OutboxJob,
} from '@masks/core';
import { lockProduct, withdrawProductOffers } from '@masks/catalog';
import { DecisionKind } from './domain/certification.states';
import {
  CERTIFICATION_RESTORED,
  CERTIFICATION_WITHDRAWN,
  CertificationDecisionsService,
  type CertificationWithdrawnPayload,
} from './decisions.service';
import { CertificationFollowUp } from './certification-follow-up';
import { productStandings } from './product-standing';
import { supplierRecipients } from './recipients';

/** The repeatable job that expires certifications whose validity has ended. */
export const EXPIRY_SCHEDULER_ID = 'certification-expiry';
export const EXPIRY_JOB = 'certification.expire-due';
const EXPIRY_EVERY_MS = 10 * 60_000;
const SCHEDULER_RETRY_MS = 60_000;

const WITHDRAWAL_WORDS: Partial<Record<DecisionKind, string>> = {
  [DecisionKind.SUSPEND]: 'suspendue',
  [DecisionKind.REVOKE]: 'retirée',
  [DecisionKind.EXPIRE]: 'expirée',
};

/**
 * Worker side of certification: the withdrawal cascade (one outbox event per suspension, revocation
 * or expiry, applied exactly once), its counterpart after a reinstatement or validation, and the
 * expiry schedule. The schedule is a BullMQ job scheduler
 * with a fixed id: every worker upserts the same one, so several workers still run it once per
 * period, and a sweep that does overlap expires each certification once (see expireDue).
 */
@Injectable()
export class CertificationProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(CertificationProcessor.name);
  private subscriber?: CertificationFollowUp;

  constructor(
    private readonly queues: QueueRegistry,
    private readonly dataSource: DataSource,
    private readonly decisions: CertificationDecisionsService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Any module of the worker may provide the follow-up (the orders lib, later): looked up app-wide.
    try {
      this.subscriber = this.moduleRef.get(CertificationFollowUp, { strict: false });
    } catch {
      this.subscriber = undefined;
    }
    this.queues.worker<OutboxJob<CertificationWithdrawnPayload> | Record<string, never>>(
      QUEUES.certification,
      (job) => this.process(job),
    );
    await this.scheduleExpiry();
  }

  /** Registers the schedule; if the queue backend is down at start, tries again until it is back. */
  private async scheduleExpiry(): Promise<void> {
    try {
      await this.queues
        .queue(QUEUES.certification)
        .upsertJobScheduler(
          EXPIRY_SCHEDULER_ID,
          { every: EXPIRY_EVERY_MS },
          { name: EXPIRY_JOB, opts: { removeOnComplete: 100, removeOnFail: 100 } },
        );
    } catch (error) {
      this.logger.warn(`expiry schedule not registered yet (${(error as Error).message}); retrying`);
      setTimeout(() => void this.scheduleExpiry(), SCHEDULER_RETRY_MS).unref();
    }
  }

  async process(job: Job<OutboxJob<CertificationWithdrawnPayload> | Record<string, never>>): Promise<void> {
    if (job.name === EXPIRY_JOB) {
      const expired = await this.decisions.expireDue(new Date());
      if (expired) this.logger.log(`${expired} certification(s) expired`);
      return;
    }
    const event = job.data as OutboxJob<CertificationWithdrawnPayload>;
    if (event.type === CERTIFICATION_WITHDRAWN) await this.cascade(event.eventId, event.payload);
    if (event.type === CERTIFICATION_RESTORED) await this.restored(event.eventId, event.payload);
  }

  /**
   * Takes the product's offers off the market unless it still holds a valid certification (another
   * one, or this one reinstated meanwhile), tells the supplier, and hands the withdrawn offers and
   * where the product stands now to the order pipeline's follow-up. Once per event, however often
   * the job is delivered.
   */
  async cascade(eventId: string, payload: CertificationWithdrawnPayload): Promise<void> {
    await runOnce(this.dataSource.manager, eventId, 'certification.withdrawal-cascade', async (manager) => {
      const product = await lockProduct(manager, payload.productId);
      if (!product) return;
      const now = new Date();
      const stillCertified = product.certifiedUntil !== null && product.certifiedUntil > now;
      const word = WITHDRAWAL_WORDS[payload.decision] ?? payload.decision;
      const withdrawn = stillCertified
        ? []
        : await withdrawProductOffers(
            manager,
            payload.productId,
            `Certification ${word}${payload.reason ? ` : ${payload.reason}` : ''}`,
          );
      const offerIds = withdrawn.map((offer) => offer.offerId);
      await audit(manager, RequestContext.system(), {
        action: 'certification.offers-withdrawn',
        entityType: 'product',
        entityId: payload.productId,
        organisationId: payload.supplierId,
        after: {
          certificationId: payload.certificationId,
          decision: payload.decision,
          stillCertified,
          offerIds,
        },
      });
      const consequence = stillCertified
        ? 'Le produit reste couvert par une autre certification valide : ses offres restent en ligne.'
        : `${offerIds.length} offre(s) retirée(s) de la place de marché.`;
      await recordEvents(
        manager,
        (await supplierRecipients(manager, payload.supplierId)).map((recipient) =>
          notificationEvent({
            recipient,
            subject: `Certification ${word} — ${product.brand} ${product.model}`,
            body: `${payload.reason ? `Motif : ${payload.reason}. ` : ''}${consequence}`,
          }),
        ),
      );
      const withdrawal = (await productStandings(manager, [payload.productId], now)).get(payload.productId);
      await this.subscriber?.onCertificationDecided(manager, {
        ...payload,
        offerIds,
        withdrawal: withdrawal ?? null,
      });
    });
  }

  /**
   * After a reinstatement or a validation: hands where the product stands now to the follow-up (open
   * orders flagged by an earlier withdrawal are cleared). The product's row is locked as the cascade
   * locks it, so the follow-ups of one product run one after the other, each reading the state the
   * previous left. Offers stay withdrawn: their supplier re-publishes them. Once per event.
   */
  async restored(eventId: string, payload: CertificationWithdrawnPayload): Promise<void> {
    await runOnce(this.dataSource.manager, eventId, 'certification.restored-follow-up', async (manager) => {
      if (!(await lockProduct(manager, payload.productId))) return;
      const withdrawal = (await productStandings(manager, [payload.productId])).get(payload.productId);
      await this.subscriber?.onCertificationDecided(manager, {
        ...payload,
        offerIds: [],
        withdrawal: withdrawal ?? null,
      });
    });
  }
}
