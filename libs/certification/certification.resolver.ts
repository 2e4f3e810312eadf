import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ParseUUIDPipe } from '@nestjs/common';
import {
  ALL_ROLES,
  Allow,
  ApiScope,
  Ctx,
  connectionComplexity,
  IDEMPOTENCY_KEY_DESCRIPTION,
  Public,
  RequestContext,
  Role,
} from '@masks/core';
import { MaskStandard, Product, ProductsService } from '@masks/catalog';
import { FOR_SUPPLIERS, FOR_SUPPLIERS_AND_DGE } from '@masks/organisations';
import { Certification, CertificationDecision, CertificationDocument } from './certification.entity';
import { DecisionKind } from './domain/certification.states';
import { CertificationsService } from './certifications.service';
import { CertificationDecisionsService } from './decisions.service';
import { CertificationMonitoringService } from './monitoring.service';
import { CertifiedSuppliersService } from './certified-suppliers.service';
import {
  CapacityArgs,
  CertificationDecisionsArgs,
  CertificationEvidenceInput,
  CertificationIdArgs,
  CertificationsArgs,
  CertifiedSuppliersArgs,
  DecisionWithReasonArgs,
  ExpiringCertificationsArgs,
  StandardWindowArgs,
  ValidateCertificationArgs,
} from './dto/certification.inputs';
import {
  CapacityRow,
  CertificationConnection,
  CertificationDecisionConnection,
  CertifiedSupplierConnection,
} from './models/certification.models';

/**
 * Who answers for a supplier's evidence: its administrators and supplier managers, or its ERP by API
 * key; of a supplier (FOR_SUPPLIERS), since an administrator may as well run a buyer.
 */
const SUPPLIER = [Role.ORG_ADMIN, Role.SUPPLIER_MANAGER];
const SUPPLIER_OR_DGE = [...SUPPLIER, Role.DGE_OFFICER];
const DGE = [Role.DGE_OFFICER];
const CATALOG_WRITE = [ApiScope.CATALOG_WRITE];

@Resolver(() => Certification)
export class CertificationResolver {
  constructor(
    private readonly certificationsService: CertificationsService,
    private readonly decisionsService: CertificationDecisionsService,
    private readonly products: ProductsService,
  ) {}

  @Mutation(() => Certification, {
    description: 'A supplier submits the evidence that a product meets a standard; the DGE decides',
  })
  @Allow(SUPPLIER, CATALOG_WRITE, FOR_SUPPLIERS)
  submitCertification(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CertificationEvidenceInput,
    @Args('idempotencyKey', { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<Certification> {
    return this.certificationsService.submit(ctx, input, idempotencyKey);
  }

  @Mutation(() => Certification, {
    description: 'DGE: the evidence holds; the product is certified until validUntil',
  })
  @Allow(DGE)
  validateCertification(
    @Ctx() ctx: RequestContext,
    @Args() args: ValidateCertificationArgs,
  ): Promise<Certification> {
    return this.decisionsService.decide(ctx, args.id, {
      decision: DecisionKind.VALIDATE,
      validUntil: args.validUntil,
    });
  }

  @Mutation(() => Certification, { description: 'DGE: the evidence does not hold' })
  @Allow(DGE)
  rejectCertification(
    @Ctx() ctx: RequestContext,
    @Args() args: DecisionWithReasonArgs,
  ): Promise<Certification> {
    return this.decisionsService.decide(ctx, args.id, { decision: DecisionKind.REJECT, reason: args.reason });
  }

  @Mutation(() => Certification, {
    description: "DGE: pending an inquiry; the product's offers leave the market",
  })
  @Allow(DGE)
  suspendCertification(
    @Ctx() ctx: RequestContext,
    @Args() args: DecisionWithReasonArgs,
  ): Promise<Certification> {
    return this.decisionsService.decide(ctx, args.id, {
      decision: DecisionKind.SUSPEND,
      reason: args.reason,
    });
  }

  @Mutation(() => Certification, {
    description:
      'DGE: a suspended certification holds again (withdrawn offers are re-published by their supplier)',
  })
  @Allow(DGE)
  reinstateCertification(
    @Ctx() ctx: RequestContext,
    @Args() args: CertificationIdArgs,
  ): Promise<Certification> {
    return this.decisionsService.decide(ctx, args.id, { decision: DecisionKind.REINSTATE });
  }

  @Mutation(() => Certification, {
    description: "DGE: withdrawn for good; the product's offers leave the market",
  })
  @Allow(DGE)
  revokeCertification(
    @Ctx() ctx: RequestContext,
    @Args() args: DecisionWithReasonArgs,
  ): Promise<Certification> {
    return this.decisionsService.decide(ctx, args.id, { decision: DecisionKind.REVOKE, reason: args.reason });
  }

  @Mutation(() => MaskStandard, {
    description: 'DGE: moves the end of the window in which a standard is accepted (derogations)',
  })
  @Allow(DGE)
  setStandardWindow(@Ctx() ctx: RequestContext, @Args() args: StandardWindowArgs): Promise<MaskStandard> {
    return this.decisionsService.setStandardWindow(ctx, args.code, args.validUntil ?? null);
  }

  @Query(() => Certification, { description: 'Its supplier and the DGE; anyone else’s reads as not found' })
  @Allow(ALL_ROLES, CATALOG_WRITE)
  certification(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<Certification> {
    return this.certificationsService.findVisible(ctx, id);
  }

  @Query(() => CertificationConnection, {
    complexity: connectionComplexity,
    description:
      'Newest first. DGE: all, filtered (e.g. statuses [SUSPENDED, REVOKED] with their reasons); a supplier: its own',
  })
  @Allow(SUPPLIER_OR_DGE, CATALOG_WRITE, FOR_SUPPLIERS_AND_DGE)
  certifications(
    @Ctx() ctx: RequestContext,
    @Args() args: CertificationsArgs,
  ): Promise<CertificationConnection> {
    return this.certificationsService.list(ctx, args);
  }

  @Query(() => CertificationConnection, {
    complexity: connectionComplexity,
    description: 'Validated certifications ending within N days, soonest first',
  })
  @Allow(SUPPLIER_OR_DGE, CATALOG_WRITE, FOR_SUPPLIERS_AND_DGE)
  expiringCertifications(
    @Ctx() ctx: RequestContext,
    @Args() args: ExpiringCertificationsArgs,
  ): Promise<CertificationConnection> {
    return this.certificationsService.expiring(ctx, args);
  }

  @Query(() => CertificationDecisionConnection, {
    complexity: connectionComplexity,
    description: 'Decisions in the order taken: a supplier’s history',
  })
  @Allow(SUPPLIER_OR_DGE, CATALOG_WRITE, FOR_SUPPLIERS_AND_DGE)
  certificationDecisions(
    @Ctx() ctx: RequestContext,
    @Args() args: CertificationDecisionsArgs,
  ): Promise<CertificationDecisionConnection> {
    return this.certificationsService.history(ctx, args);
  }

  @ResolveField(() => [CertificationDecision], { description: 'Every decision, in order' })
  decisions(
    @Ctx() ctx: RequestContext,
    @Parent() certification: Certification,
  ): Promise<CertificationDecision[]> {
    return this.certificationsService.decisionsOf(ctx, certification.id);
  }

  @ResolveField(() => [CertificationDocument], { description: 'Download each from GET /documents/{id}' })
  documents(
    @Ctx() ctx: RequestContext,
    @Parent() certification: Certification,
  ): Promise<CertificationDocument[]> {
    return this.certificationsService.documentsOf(ctx, certification.id);
  }

  /** Visible wherever its certification is: the parent was already scoped. */
  @ResolveField(() => Product, { nullable: true })
  product(@Ctx() ctx: RequestContext, @Parent() certification: Certification): Promise<Product | null> {
    return this.products.byId(ctx, certification.productId);
  }
}

@Resolver()
export class CertificationMonitoringResolver {
  constructor(
    private readonly monitoring: CertificationMonitoringService,
    private readonly certifiedSuppliersList: CertifiedSuppliersService,
  ) {}

  @Query(() => [CapacityRow], {
    description:
      'DGE: stock on visible offers and declared daily production of certified products, by category and region',
  })
  @Allow(DGE)
  certificationCapacity(@Args() args: CapacityArgs): Promise<CapacityRow[]> {
    return this.monitoring.capacity(args);
  }

  @Query(() => CertifiedSupplierConnection, {
    complexity: connectionComplexity,
    description:
      'Public, no login: companies whose masks are certified today, as the DGE publishes them (CSV: GET /public/certified-suppliers.csv)',
  })
  @Public()
  certifiedSuppliers(@Args() args: CertifiedSuppliersArgs): Promise<CertifiedSupplierConnection> {
    return this.certifiedSuppliersList.list(args);
  }
}
