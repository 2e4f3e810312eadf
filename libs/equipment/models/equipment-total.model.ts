import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum EquipmentTotalsBy {
  ESTABLISHMENT = 'ESTABLISHMENT',
  DEPARTMENT = 'DEPARTMENT',
  REGION = 'REGION',
  KIND = 'KIND',
}
registerEnumType(EquipmentTotalsBy, { name: 'EquipmentTotalsBy' });

/** Allocated units and what became of them, for one establishment, department, region or kind. */
@ObjectType()
export class EquipmentTotal {
  @Field({ description: 'Establishment id, department or region code, or kind code' })
  key: string;

  @Field({ description: 'Establishment or kind name; the code itself for a department or region' })
  label: string;

  @Field(() => Int)
  allocated: number;

  @Field(() => Int, { description: 'Units that left (in transit or acknowledged)' })
  shipped: number;

  @Field(() => Int, { description: 'Acknowledged received, in working order or damaged' })
  received: number;

  @Field(() => Int, { description: 'Acknowledged missing' })
  missing: number;

  @Field(() => Int, { description: 'Allocated, not yet acknowledged (received or missing)' })
  outstanding: number;
}
