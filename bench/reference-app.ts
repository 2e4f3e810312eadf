import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Args, Field, GraphQLModule, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Column, Entity, PrimaryColumn, type Repository } from 'typeorm';

/**
 * The reference the benchmarks compare against: a bare Nest + Apollo app (same driver, code-first,
 * autoSchemaFile) with one resolver returning a constant. No guards, no middleware. A second field
 * reads the organisation with one TypeORM find (STACK.md's "with one TypeORM find"): org-read reports
 * it next to the official figure, as the floor any resolver reading the database pays.
 */
@Entity('organisation')
class ReferenceOrganisationRow {
  @PrimaryColumn('uuid') id: string;
  @Column() name: string;
  @Column() siret: string;
}

@ObjectType('Organisation')
class ReferenceOrganisation {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() siret: string;
}

const ORGANISATION: ReferenceOrganisation = {
  id: '00000000-0000-4000-8000-000000000000',
  name: 'Entreprise de référence',
  siret: '13000000000019',
};

@Resolver(() => ReferenceOrganisation)
class ReferenceResolver {
  constructor(@InjectRepository(ReferenceOrganisationRow) private readonly rows: Repository<ReferenceOrganisationRow>) {}

  @Query(() => ReferenceOrganisation)
  myOrganisation(): ReferenceOrganisation {
    return ORGANISATION;
  }

  @Query(() => ReferenceOrganisation, { nullable: true })
  organisation(@Args('id', { type: () => ID }) id: string): Promise<ReferenceOrganisation | null> {
    return this.rows.findOneBy({ id });
  }
}

@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      autoSchemaFile: true,
      path: '/graphql',
      playground: false,
    }),
    TypeOrmModule.forRoot({ type: 'postgres', url: process.env.DATABASE_URL, entities: [ReferenceOrganisationRow], synchronize: false, logging: false }),
    TypeOrmModule.forFeature([ReferenceOrganisationRow]),
  ],
  providers: [ReferenceResolver],
})
class ReferenceModule {}

export function createReferenceApp(): Promise<NestExpressApplication> {
  return NestFactory.create<NestExpressApplication>(ReferenceModule, { logger: false });
}
