import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  BadInputError,
  ConflictError,
  NotFoundError,
  QUEUES,
  RequestContext,
  audit,
  notificationEvent,
  recordEvents,
  type DomainEvent,
} from '@masks/core';
import { MaskStandard, StandardKind } from '@masks/catalog';
import { Certification, CertificationDecision } from './certification.entity';
import {
  CertificationStatus,
  DecisionKind,
  REASON_REQUIRED,
  RESTORING,
  transition,
  WITHDRAWING,
} from './domain/certification.states';
import { productValidity, type ProductValidity } from './domain/product-validity';
import { supplierRecipients } from './recipients';

/** Recorded after a suspension, revocation or expiry: the cascade job takes the product's offers off the market. */
export const CERTIFICATION_WITHDRAWN = 'certification.withdrawn';

/**
 * Recorded after a reinstatement or a validation: the product may be certified again, and what
 * followed its withdrawal (open orders flagged at risk) follows it back.
 */
export const CERTIFICATION_RESTORED = 'certification.restored';

export interface CertificationWithdrawnPayload {
  certificationId: string;
  productId: string;
  supplierId: string;
  decision: DecisionKind;
  reason: string | null;
}

export interface DecisionRequest {
  decision: DecisionKind;
  reason?: string | null;
  validUntil?: Date | null;
}

/** Certifications the expiry sweep handles per run; the next run (or the next worker) takes the rest. */
const EXPIRY_BATCH = 500;

const DECISION_WORDS: Record<DecisionKind, string> = {
  VALIDATE: 'validée',
  REJECT: 'refusée',
  SUSPEND: 'suspendue',
  REINSTATE: 'rétablie',
  REVOKE: 'retirée',
  EXPIRE: 'expirée',
};

/**
 * Standards' windows enter every product's validity. A recomputation holds them shared and a window
 * move holds them exclusively, so neither computes from a window the other is changing. All rows, in
 * code order, always before products: the lock order (certification → standards → product) never
 * cycles, even with two window moves at once.
 */
async function lockStandards(manager: EntityManager, mode: 'SHARE' | 'UPDATE'): Promise<void> {
  await manager.query(`SELECT code FROM mask_standard ORDER BY code FOR ${mode}`);
}

function snapshot(certification: Certification): Record<string, unknown> {
  const { id, productId, standardCode, status, statusReason, validFrom, validUntil } = certification;
  return { id, productId, standardCode, status, statusReason, validFrom, validUntil };
}

/**
 * DGE decisions and what follows them in the same transaction: the decision row, the audit entry,
 * the product's certifiedUntil / nativelyCertifiedUntil, and the events (cascade, notifications).
 * Each decision locks its certification row, so concurrent decisions on it run one after the other
 * and each sees the state the previous one left. Locks are taken certification → standards → product.
 */
@Injectable()
export class CertificationDecisionsService {
  constructor(private readonly dataSource: DataSource) {}

  decide(ctx: RequestContext, certificationId: string, request: DecisionRequest): Promise<Certification> {
    return this.dataSource.transaction(async (manager) => {
      const certification = await this.lock(manager, certificationId);
      if (!certification) throw new NotFoundError('Certification', certificationId);
      return this.apply(manager, ctx, certification, request, new Date());
    });
  }

  /**
   * Expires every validated or suspended certification whose validity has ended. Safe with several
   * workers running it at once: each certification is re-read under its lock and expired only if
   * it is still due, so it is expired (and cascaded) once.
   */
  async expireDue(now: Date): Promise<number> {
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM certification WHERE status = ANY($1::text[]) AND valid_until <= $2 ORDER BY valid_until LIMIT ${EXPIRY_BATCH}`,
      [[CertificationStatus.VALIDATED, CertificationStatus.SUSPENDED], now],
    );
    let expired = 0;
    for (const { id } of due) {
      const done = await this.dataSource.transaction(async (manager) => {
        const certification = await this.lock(manager, id);
        if (!certification || !transition(certification.status, DecisionKind.EXPIRE).ok) return false;
        if (!certification.validUntil || certification.validUntil > now) return false;
        await this.apply(
          manager,
          RequestContext.system(),
          certification,
          { decision: DecisionKind.EXPIRE },
          now,
        );
        return true;
      });
      if (done) expired++;
    }
    return expired;
  }

  /**
   * The DGE moves the window in which a standard is accepted (e.g. extends the KN95 derogation).
   * Every product holding a validated certification under it is recomputed in the same transaction.
   */
  setStandardWindow(ctx: RequestContext, code: string, validUntil: Date | null): Promise<MaskStandard> {
    return this.dataSource.transaction(async (manager) => {
      await lockStandards(manager, 'UPDATE');
      const standard = await manager.findOneBy(MaskStandard, { code });
      if (!standard) throw new NotFoundError('Standard', code);
      if (validUntil && standard.validFrom && validUntil <= standard.validFrom) {
        throw new BadInputError('The window must end after it starts', {
          field: 'validUntil',
          validFrom: standard.validFrom,
          reason: 'WINDOW_ENDS_BEFORE_START',
          args: { validFrom: standard.validFrom.toISOString().slice(0, 10) },
        });
      }
      const before = { validFrom: standard.validFrom, validUntil: standard.validUntil };
      standard.validUntil = validUntil;
      await manager.save(standard);
      const products: { product_id: string }[] = await manager.query(
        `SELECT DISTINCT product_id FROM certification WHERE standard_code = $1 AND status = $2`,
        [code, CertificationStatus.VALIDATED],
      );
      await this.recomputeProducts(
        manager,
        products.map((row) => row.product_id),
      );
      await audit(manager, ctx, {
        action: 'standard.window-moved',
        entityType: 'mask_standard',
        entityId: code,
        before,
        after: { validFrom: standard.validFrom, validUntil, productsRecomputed: products.length },
      });
      return standard;
    });
  }

  private lock(manager: EntityManager, id: string): Promise<Certification | null> {
    return manager
      .getRepository(Certification)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  /** Checks and applies one decision to a locked certification; refuses without changing anything. */
  private async apply(
    manager: EntityManager,
    ctx: RequestContext,
    certification: Certification,
    request: DecisionRequest,
    now: Date,
  ): Promise<Certification> {
    const { decision } = request;
    const moved = transition(certification.status, decision);
    if (!moved.ok)
      throw new ConflictError(moved.reason, { reason: 'ILLEGAL_TRANSITION', status: certification.status });
    const reason = request.reason?.trim() || null;
    if (REASON_REQUIRED.has(decision) && !reason)
      throw new BadInputError('This decision needs a reason', {
        field: 'reason',
        reason: 'DECISION_REASON_REQUIRED',
      });
    if (decision === DecisionKind.VALIDATE && (!request.validUntil || request.validUntil <= now)) {
      throw new BadInputError('validUntil must be in the future', {
        field: 'validUntil',
        reason: 'VALID_UNTIL_NOT_IN_FUTURE',
      });
    }
    if (decision === DecisionKind.REINSTATE && certification.validUntil && certification.validUntil <= now) {
      throw new ConflictError(
        `Its validity ended on ${certification.validUntil.toISOString()}: it expires, and the supplier submits new evidence`,
        { reason: 'VALIDITY_ENDED' },
      );
    }

    const before = snapshot(certification);
    certification.status = moved.to;
    if (decision === DecisionKind.VALIDATE) {
      certification.validFrom = now;
      certification.validUntil = request.validUntil as Date;
    }
    // Reasons of refusals and withdrawals stay on the certification; a reinstatement clears them.
    if (reason || decision === DecisionKind.REINSTATE) certification.statusReason = reason;
    certification.decidedAt = now;
    const saved = await manager.save(certification);
    await manager.insert(CertificationDecision, {
      certificationId: saved.id,
      decision,
      fromStatus: before.status as CertificationStatus,
      toStatus: saved.status,
      reason,
      validUntil: decision === DecisionKind.VALIDATE ? saved.validUntil : null,
      actorUserId: ctx.userId ?? null,
    });
    const [validity] = await this.recomputeProducts(manager, [saved.productId]);
    await audit(manager, ctx, {
      action: `certification.${decision.toLowerCase()}`,
      entityType: 'certification',
      entityId: saved.id,
      organisationId: saved.supplierId,
      before,
      after: {
        ...snapshot(saved),
        productCertifiedUntil: validity.certifiedUntil,
        productNativelyCertifiedUntil: validity.nativelyCertifiedUntil,
      },
    });
    await recordEvents(manager, await this.eventsOf(manager, saved, decision, reason));
    return saved;
  }

  /**
   * A withdrawal goes to the cascade, which tells the supplier what it withdrew; other decisions are
   * told to the supplier at once, and a reinstatement or validation goes to the follow-up job too.
   */
  private async eventsOf(
    manager: EntityManager,
    certification: Certification,
    decision: DecisionKind,
    reason: string | null,
  ): Promise<DomainEvent[]> {
    if (WITHDRAWING.has(decision)) {
      const payload: CertificationWithdrawnPayload = {
        certificationId: certification.id,
        productId: certification.productId,
        supplierId: certification.supplierId,
        decision,
        reason,
      };
      return [{ type: CERTIFICATION_WITHDRAWN, queue: QUEUES.certification, payload: { ...payload } }];
    }
    const until =
      decision === DecisionKind.VALIDATE
        ? ` jusqu’au ${certification.validUntil?.toISOString().slice(0, 10)}`
        : '';
    const notices = (await supplierRecipients(manager, certification.supplierId)).map((recipient) =>
      notificationEvent({
        recipient,
        subject: `Certification ${certification.standardCode} ${DECISION_WORDS[decision]}`,
        body: `La DGE a ${DECISION_WORDS[decision].replace(/e$/, '')} votre certification (rapport ${certification.reportNumber})${until}.${reason ? ` Motif : ${reason}` : ''}`,
      }),
    );
    if (!RESTORING.has(decision)) return notices;
    const payload: CertificationWithdrawnPayload = {
      certificationId: certification.id,
      productId: certification.productId,
      supplierId: certification.supplierId,
      decision,
      reason,
    };
    return [
      ...notices,
      { type: CERTIFICATION_RESTORED, queue: QUEUES.certification, payload: { ...payload } },
    ];
  }

  /**
   * Sets each product's certifiedUntil / nativelyCertifiedUntil from its validated certifications,
   * each capped by its standard's window. The product rows are locked (in id order), so two decisions
   * on two certifications of one product cannot both compute from a stale set.
   */
  async recomputeProducts(manager: EntityManager, productIds: string[]): Promise<ProductValidity[]> {
    const ids = [...new Set(productIds)].sort();
    if (!ids.length) return [];
    await lockStandards(manager, 'SHARE');
    await manager.query(`SELECT id FROM product WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    const rows: {
      product_id: string;
      valid_until: Date | null;
      standard_valid_until: Date | null;
      kind: StandardKind;
    }[] = await manager.query(
      `SELECT c.product_id, c.valid_until, s.valid_until AS standard_valid_until, s.kind
       FROM certification c JOIN mask_standard s ON s.code = c.standard_code
       WHERE c.product_id = ANY($1::uuid[]) AND c.status = $2`,
      [ids, CertificationStatus.VALIDATED],
    );
    const validities = ids.map((id) =>
      productValidity(
        rows
          .filter((row) => row.product_id === id)
          .map((row) => ({
            validUntil: row.valid_until,
            standardValidUntil: row.standard_valid_until,
            native: row.kind === StandardKind.NATIVE,
          })),
      ),
    );
    await manager.query(
      `UPDATE product p SET certified_until = v.certified_until, natively_certified_until = v.native_until, updated_at = now()
       FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS v(id, certified_until, native_until)
       WHERE p.id = v.id
         AND (p.certified_until IS DISTINCT FROM v.certified_until OR p.natively_certified_until IS DISTINCT FROM v.native_until)`,
      [ids, validities.map((v) => v.certifiedUntil), validities.map((v) => v.nativelyCertifiedUntil)],
    );
    return validities;
  }
}
