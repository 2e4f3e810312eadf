import { Injectable } from '@nestjs/common';
import { DataSource, type EntityTarget, type SelectQueryBuilder } from 'typeorm';
import {
  BadInputError,
  NotFoundError,
  RequestContext,
  audit,
  notificationEvent,
  once,
  paginate,
  recordEvents,
  type Connection,
} from '@masks/core';
import { MaskStandard, Product } from '@masks/catalog';
import { Certification, CertificationDecision, CertificationDocument } from './certification.entity';
import { CertificationStatus } from './domain/certification.states';
import { evidenceRefusals } from './domain/evidence';
import { dgeRecipients } from './recipients';
import type {
  CertificationDecisionsArgs,
  CertificationEvidenceInput,
  CertificationsArgs,
  ExpiringCertificationsArgs,
} from './dto/certification.inputs';

const DAY_MS = 86_400_000;

/** Groups rows by a key, in the order of `keys` (DataLoader batches). */
function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * Evidence submitted by suppliers and what the DGE and suppliers read of it. A supplier sees its own
 * certifications; the DGE sees all; anyone else's read as not found.
 */
@Injectable()
export class CertificationsService {
  constructor(private readonly dataSource: DataSource) {}

  submit(
    ctx: RequestContext,
    input: CertificationEvidenceInput,
    idempotencyKey?: string,
  ): Promise<Certification> {
    return this.dataSource.transaction((manager) =>
      once(
        manager,
        ctx,
        { key: idempotencyKey, operation: 'submitCertification', input },
        async () => {
          const product = await manager.findOneBy(Product, {
            id: input.productId,
            supplierId: ctx.organisationId,
          });
          if (!product) throw new NotFoundError('Product', input.productId);
          const standard = await manager.findOneBy(MaskStandard, { code: input.standardCode });
          if (!standard)
            throw new BadInputError(`Unknown standard "${input.standardCode}"`, {
              field: 'standardCode',
              reason: 'UNKNOWN_STANDARD',
              args: { standardCode: input.standardCode },
            });
          const testedOn = new Date(`${input.testedOn}T00:00:00Z`);
          if (Number.isNaN(testedOn.getTime()) || testedOn.toISOString().slice(0, 10) !== input.testedOn)
            throw new BadInputError('testedOn is not a date', { field: 'testedOn', reason: 'NOT_A_DATE' });
          const measurements = Object.fromEntries(
            Object.entries(input.measurements).filter(([, value]) => value !== undefined && value !== null),
          );
          const refusals = evidenceRefusals(
            standard,
            {
              productCategory: product.category,
              productCeMarked: product.ceMarked,
              laboratory: input.laboratory,
              testedOn,
              measurements,
              ceCertificateNumber: input.ceCertificateNumber,
              notifiedBody: input.notifiedBody,
            },
            new Date(),
          );
          if (refusals.length) {
            const problems = refusals.map((refusal) => refusal.message);
            throw new BadInputError(`The evidence does not support the claim: ${problems.join('; ')}`, {
              problems,
              refusals,
            });
          }

          const certification = await manager.save(
            manager.create(Certification, {
              productId: product.id,
              supplierId: product.supplierId,
              standardCode: standard.code,
              category: standard.category,
              laboratory: input.laboratory.trim(),
              reportNumber: input.reportNumber.trim(),
              testedOn: input.testedOn,
              measurements,
              ceCertificateNumber: input.ceCertificateNumber?.trim() || null,
              notifiedBody: input.notifiedBody?.trim() || null,
            }),
          );
          await audit(manager, ctx, {
            action: 'certification.submitted',
            entityType: 'certification',
            entityId: certification.id,
            organisationId: certification.supplierId,
            after: {
              productId: product.id,
              standardCode: standard.code,
              laboratory: certification.laboratory,
              reportNumber: certification.reportNumber,
              measurements,
            },
          });
          await recordEvents(
            manager,
            (await dgeRecipients(manager)).map((recipient) =>
              notificationEvent({
                recipient,
                subject: `Nouvelle demande de certification ${standard.code} — ${product.brand} ${product.model}`,
                body: `Rapport ${certification.reportNumber} (${certification.laboratory}, ${input.testedOn}) à examiner.`,
              }),
            ),
          );
          return { id: certification.id, value: certification };
        },
        (id) => manager.findOneByOrFail(Certification, { id }),
      ),
    );
  }

  private scoped(ctx: RequestContext): SelectQueryBuilder<Certification> {
    const qb = this.dataSource.getRepository(Certification).createQueryBuilder('c');
    return ctx.isDge ? qb : qb.where('c.supplier_id = :me', { me: ctx.organisationId });
  }

  async findVisible(ctx: RequestContext, id: string): Promise<Certification> {
    const certification = await this.scoped(ctx).andWhere('c.id = :id', { id }).getOne();
    if (!certification) throw new NotFoundError('Certification', id);
    return certification;
  }

  list(ctx: RequestContext, args: CertificationsArgs): Promise<Connection<Certification>> {
    const qb = this.scoped(ctx);
    if (args.statuses?.length) qb.andWhere('c.status = ANY(:statuses)', { statuses: args.statuses });
    if (args.category) qb.andWhere('c.category = :category', { category: args.category });
    if (args.supplierId) qb.andWhere('c.supplier_id = :supplierId', { supplierId: args.supplierId });
    if (args.productId) qb.andWhere('c.product_id = :productId', { productId: args.productId });
    return paginate(
      qb,
      'c.id',
      { column: 'c.submitted_at', value: (c) => c.submittedAt, direction: 'DESC' },
      args,
    );
  }

  /** Validated certifications ending within N days, soonest first (suspended ones will not come back by then). */
  expiring(ctx: RequestContext, args: ExpiringCertificationsArgs): Promise<Connection<Certification>> {
    const now = new Date();
    const qb = this.scoped(ctx).andWhere(
      'c.status = :validated AND c.valid_until > :now AND c.valid_until <= :horizon',
      {
        validated: CertificationStatus.VALIDATED,
        now,
        horizon: new Date(now.getTime() + args.withinDays * DAY_MS),
      },
    );
    return paginate(
      qb,
      'c.id',
      { column: 'c.valid_until', value: (c) => c.validUntil, direction: 'ASC' },
      args,
    );
  }

  /** Decisions in the order they were taken, for one supplier (the DGE: any) or one certification. */
  history(ctx: RequestContext, args: CertificationDecisionsArgs): Promise<Connection<CertificationDecision>> {
    const supplierId = ctx.isDge ? args.supplierId : ctx.organisationId;
    const qb = this.dataSource
      .getRepository(CertificationDecision)
      .createQueryBuilder('d')
      .innerJoin(Certification, 'c', 'c.id = d.certification_id');
    if (supplierId) qb.andWhere('c.supplier_id = :supplierId', { supplierId });
    if (args.certificationId)
      qb.andWhere('d.certification_id = :certificationId', { certificationId: args.certificationId });
    // Identity ids are drawn under each certification's row lock, so they follow its decisions' order.
    return paginate(qb, 'd.id', { column: 'd.id', value: (d) => d.id, direction: 'ASC' }, args);
  }

  decisionsOf(ctx: RequestContext, certificationId: string): Promise<CertificationDecision[]> {
    return this.childrenOf(ctx, CertificationDecision, 'id', certificationId);
  }

  documentsOf(ctx: RequestContext, certificationId: string): Promise<CertificationDocument[]> {
    return this.childrenOf(ctx, CertificationDocument, 'uploaded_at', certificationId);
  }

  /** Rows of a certification's child table, in order; one query per request for a whole page (DataLoader). */
  private childrenOf<T extends { certificationId: string }>(
    ctx: RequestContext,
    entity: EntityTarget<T>,
    orderColumn: string,
    certificationId: string,
  ): Promise<T[]> {
    return ctx
      .loader<string, T[]>(`certification.${this.dataSource.getMetadata(entity).tableName}`, async (ids) => {
        const rows = await this.dataSource
          .getRepository(entity)
          .createQueryBuilder('x')
          .where('x.certification_id = ANY(:ids)', { ids: [...ids] })
          .orderBy(`x.${orderColumn}`, 'ASC')
          .getMany();
        return groupBy(ids, rows, (row) => row.certificationId);
      })
      .load(certificationId);
  }
}
