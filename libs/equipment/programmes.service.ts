import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  BadInputError,
  ConflictError,
  NotFoundError,
  RequestContext,
  audit,
  paginate,
  type Connection,
} from '@masks/core';
import { checkFiness, establishmentByFiness } from '@masks/organisations';
import { checkKindAttributes, sends, sees, type EquipmentScope } from './domain/equipment.rules';
import { EquipmentAllocation, EquipmentKind, EquipmentProgramme, ProgrammeStatus } from './equipment.entity';
import { EquipmentAccess, scopeCondition } from './equipment-access';
import type {
  AllocateEquipmentInput,
  EquipmentAllocationsArgs,
  EquipmentKindInput,
  EquipmentProgrammeInput,
} from './dto/equipment.inputs';

const PG_UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (error: unknown): boolean =>
  (error as { driverError?: { code?: string } }).driverError?.code === PG_UNIQUE_VIOLATION;

/** Kinds of equipment, the State's programmes, and allocations to establishments. */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: EquipmentAccess,
  ) {}

  /** Ministry only (checked by the resolver): a new kind is a row, no code. */
  async createKind(ctx: RequestContext, input: EquipmentKindInput): Promise<EquipmentKind> {
    const attributes = input.attributes ?? {};
    const checked = checkKindAttributes(attributes);
    if (!checked.ok) throw new BadInputError(checked.reason, { field: 'attributes' });
    try {
      return await this.dataSource.transaction(async (manager) => {
        const kind = await manager.save(
          manager.create(EquipmentKind, {
            code: input.code,
            name: input.name.trim(),
            category: input.category.trim(),
            serialised: input.serialised,
            attributes,
          }),
        );
        await audit(manager, ctx, {
          action: 'equipment.kind_created',
          entityType: 'equipment_kind',
          entityId: kind.id,
          after: { ...input, attributes },
        });
        return kind;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError(`Kind ${input.code} exists already`, { field: 'code' });
      throw error;
    }
  }

  kinds(): Promise<EquipmentKind[]> {
    return this.dataSource.getRepository(EquipmentKind).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  async createProgramme(ctx: RequestContext, input: EquipmentProgrammeInput): Promise<EquipmentProgramme> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const programme = await manager.save(
          manager.create(EquipmentProgramme, {
            name: input.name.trim(),
            status: ProgrammeStatus.OPEN,
            handoverDate: input.handoverDate,
            closedAt: null,
          }),
        );
        await audit(manager, ctx, {
          action: 'equipment.programme_created',
          entityType: 'equipment_programme',
          entityId: programme.id,
          after: { name: programme.name, handoverDate: programme.handoverDate },
        });
        return programme;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError('A programme has this name already', { field: 'name' });
      throw error;
    }
  }

  /** The State orders no more: no new allocation; shipments of existing allocations go on. */
  async closeProgramme(ctx: RequestContext, id: string): Promise<EquipmentProgramme> {
    return this.dataSource.transaction(async (manager) => {
      const programme = await manager.findOne(EquipmentProgramme, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!programme) throw new NotFoundError('Equipment programme', id);
      if (programme.status === ProgrammeStatus.CLOSED)
        throw new ConflictError('This programme is closed already');
      programme.status = ProgrammeStatus.CLOSED;
      programme.closedAt = new Date();
      const saved = await manager.save(programme);
      await audit(manager, ctx, {
        action: 'equipment.programme_closed',
        entityType: 'equipment_programme',
        entityId: id,
        before: { status: ProgrammeStatus.OPEN },
        after: { status: ProgrammeStatus.CLOSED },
      });
      return saved;
    });
  }

  programmes(): Promise<EquipmentProgramme[]> {
    return this.dataSource
      .getRepository(EquipmentProgramme)
      .find({ order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /**
   * The ministry allocates to any establishment, an agency to those of its region. An establishment
   * out of the agency's reach reads as unknown, like a FINESS number nobody registered.
   */
  async allocate(ctx: RequestContext, input: AllocateEquipmentInput): Promise<EquipmentAllocation> {
    const finess = checkFiness(input.finess);
    if (!finess.valid) throw new BadInputError(finess.reason, { field: 'finess' });
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.access.scope(ctx, manager);
      // Shared lock: closing the programme waits for allocations in progress, and the reverse.
      const programme = await manager.findOne(EquipmentProgramme, {
        where: { id: input.programmeId },
        lock: { mode: 'pessimistic_read' },
      });
      if (!programme) throw new NotFoundError('Equipment programme', input.programmeId);
      if (programme.status !== ProgrammeStatus.OPEN) {
        throw new ConflictError('This programme is closed: the State allocates no more under it', {
          field: 'programmeId',
        });
      }
      const kind = await manager.findOneBy(EquipmentKind, { code: input.kindCode });
      if (!kind) throw new NotFoundError('Equipment kind', input.kindCode);
      const establishment = await establishmentByFiness(manager, finess.finess);
      if (
        !establishment ||
        !sends(scope, { establishmentId: establishment.id, regionCode: establishment.regionCode })
      ) {
        throw new NotFoundError('Health establishment with FINESS', finess.finess);
      }
      const allocation = await manager.save(
        manager.create(EquipmentAllocation, {
          programmeId: programme.id,
          kindId: kind.id,
          establishmentId: establishment.id,
          departmentCode: establishment.departmentCode,
          regionCode: establishment.regionCode,
          quantity: input.quantity,
          shipped: 0,
          allocatedByOrganisationId: ctx.organisationId,
        }),
      );
      await audit(manager, ctx, {
        action: 'equipment.allocated',
        entityType: 'equipment_allocation',
        entityId: allocation.id,
        organisationId: establishment.id,
        after: {
          programmeId: programme.id,
          kind: kind.code,
          finess: finess.finess,
          quantity: input.quantity,
        },
      });
      return allocation;
    });
  }

  async allocations(
    ctx: RequestContext,
    args: EquipmentAllocationsArgs,
  ): Promise<Connection<EquipmentAllocation>> {
    const scope = await this.access.scope(ctx);
    const condition = scopeCondition(scope, 'a');
    const qb = this.dataSource
      .getRepository(EquipmentAllocation)
      .createQueryBuilder('a')
      .where(condition.sql, condition.params);
    if (args.programmeId) qb.andWhere('a.programme_id = :programmeId', { programmeId: args.programmeId });
    if (args.establishmentId)
      qb.andWhere('a.establishment_id = :establishmentId', { establishmentId: args.establishmentId });
    if (args.regionCode)
      qb.andWhere('a.region_code = :regionCode', { regionCode: args.regionCode.toUpperCase() });
    return paginate(
      qb,
      'a.id',
      { column: 'a.created_at', value: (a) => a.createdAt, direction: 'DESC' },
      args,
    );
  }

  /** An allocation the caller may see; another's reads as not found. */
  async visibleAllocation(
    ctx: RequestContext,
    id: string,
    manager: EntityManager = this.dataSource.manager,
    scope?: EquipmentScope,
  ): Promise<EquipmentAllocation> {
    const caller = scope ?? (await this.access.scope(ctx, manager));
    const allocation = await manager.findOneBy(EquipmentAllocation, { id });
    if (!allocation || !sees(caller, allocation)) throw new NotFoundError('Equipment allocation', id);
    return allocation;
  }
}
