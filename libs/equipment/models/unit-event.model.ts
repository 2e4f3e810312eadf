import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { UnitEventKind } from '../domain/unit-timeline';

registerEnumType(UnitEventKind, { name: 'EquipmentUnitEventKind' });

/** One step of a unit's timeline. */
@ObjectType()
export class EquipmentUnitEvent {
  @Field()
  at: Date;

  @Field(() => UnitEventKind)
  kind: UnitEventKind;

  @Field(() => ID, { nullable: true })
  shipmentId: string | null;

  @Field(() => ID, { nullable: true, description: 'Allocated to, shipped to, acknowledging or correcting' })
  establishmentId: string | null;

  @Field(() => ID, { nullable: true, description: 'A transfer’s origin' })
  fromEstablishmentId: string | null;

  @Field(() => String, { nullable: true })
  outcome: string | null;

  @Field(() => String, { nullable: true })
  previousSerialNumber: string | null;

  @Field(() => String, { nullable: true })
  serialNumber: string | null;
}
