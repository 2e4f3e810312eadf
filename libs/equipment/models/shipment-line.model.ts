import { Field, ObjectType } from '@nestjs/graphql';
import { ReceiptOutcome } from '../domain/shipment.states';
import { EquipmentUnit } from '../shipment.entity';

/** A unit as its shipment carried it, and what the establishment said of it on receipt. */
@ObjectType()
export class ShipmentLine {
  @Field(() => EquipmentUnit)
  unit: EquipmentUnit;

  @Field(() => ReceiptOutcome, { nullable: true, description: 'null until acknowledged' })
  outcome: ReceiptOutcome | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt: Date | null;
}
