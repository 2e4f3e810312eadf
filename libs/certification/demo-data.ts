import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext, Role } from '@masks/core';
import { MaskStandard, type DemoProduct, type Measurements, type Thresholds } from '@masks/catalog';
import { AuthService, Membership } from '@masks/organisations';
import { Certification } from './certification.entity';
import { DecisionKind } from './domain/certification.states';
import { CertificationsService } from './certifications.service';
import { CertificationDecisionsService } from './decisions.service';

const DAY_MS = 86_400_000;

/** Values comfortably inside every bound of a standard, as a real passing report would show. */
export function passingMeasurements(thresholds: Thresholds): Measurements {
  const values: Measurements = {};
  for (const [name, bound] of Object.entries(thresholds) as [
    keyof Measurements,
    NonNullable<Thresholds[keyof Measurements]>,
  ][]) {
    if (bound.min !== undefined)
      values[name] =
        name === 'washes' ? bound.min * 2 : Math.min(100, Math.round(bound.min * 1.03 * 10) / 10);
    else if (bound.max !== undefined) values[name] = Math.round(bound.max * 0.5 * 10) / 10;
    else if (bound.maxExclusive !== undefined) values[name] = Math.round(bound.maxExclusive * 0.75 * 10) / 10;
  }
  return values;
}

/**
 * Certifications for the demo catalog (called after CatalogDemoData.load with its products): each
 * product is submitted by its supplier with a passing report, then decided by the demo DGE officer
 * as its plan says (valid; derogation: validated, but capped by the closed 2020 window; revoked with
 * a reason; pending: left for the DGE to decide).
 */
@Injectable()
export class CertificationDemoData {
  private readonly logger = new Logger(CertificationDemoData.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly certifications: CertificationsService,
    private readonly decisions: CertificationDecisionsService,
    private readonly auth: AuthService,
  ) {}

  async load(products: DemoProduct[]): Promise<number> {
    const officer = await this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('m')
      .where(':role = ANY(m.roles)', { role: Role.DGE_OFFICER })
      .orderBy('m.created_at')
      .getOne();
    if (!officer)
      throw new Error(
        'The demo DGE officer must exist (OrganisationsDemoData.load) before demo certifications',
      );
    const dge = new RequestContext(undefined, this.auth.principalOf(officer));
    const testedOn = new Date(Date.now() - 20 * DAY_MS).toISOString().slice(0, 10);
    let made = 0;
    for (const product of products) {
      if (await this.dataSource.getRepository(Certification).existsBy({ productId: product.productId }))
        continue;
      const standard = await this.dataSource
        .getRepository(MaskStandard)
        .findOneByOrFail({ code: product.standardCode });
      const member = await this.dataSource
        .getRepository(Membership)
        .findOneOrFail({ where: { organisationId: product.supplierId }, order: { createdAt: 'ASC' } });
      const supplier = new RequestContext(undefined, this.auth.principalOf(member));
      const uns = product.standardCode.startsWith('AFNOR-UNS');
      const certification = await this.certifications.submit(supplier, {
        productId: product.productId,
        standardCode: product.standardCode,
        laboratory: uns ? 'DGA Maîtrise NRBC' : 'Laboratoire d’essais (démo)',
        reportNumber: `RE-${product.productId.slice(0, 8).toUpperCase()}`,
        testedOn,
        measurements: passingMeasurements(standard.thresholds),
        ceCertificateNumber: uns ? undefined : `CE-0082-${product.productId.slice(0, 6).toUpperCase()}`,
        notifiedBody: uns ? undefined : 'Organisme notifié (démo) 0082',
      });
      made++;
      if (product.plan === 'pending') continue;
      await this.decisions.decide(dge, certification.id, {
        decision: DecisionKind.VALIDATE,
        validUntil: new Date(Date.now() + 180 * DAY_MS),
      });
      if (product.plan === 'revoked') {
        await this.decisions.decide(dge, certification.id, {
          decision: DecisionKind.REVOKE,
          reason:
            'Contrôle a posteriori : les échantillons prélevés ne reproduisent pas les performances du rapport d’essai',
        });
      }
    }
    this.logger.log(`Demo certifications: ${made} submitted`);
    return made;
  }
}
