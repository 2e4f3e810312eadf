import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Field, GraphQLModule, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * The reference the benchmarks compare against: a bare Nest + Apollo app (same driver, code-first,
 * autoSchemaFile) with one resolver returning a constant. No guards, no database, no middleware.
 */
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
  @Query(() => ReferenceOrganisation)
  myOrganisation(): ReferenceOrganisation {
    return ORGANISATION;
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
  ],
  providers: [ReferenceResolver],
})
class ReferenceModule {}

export function createReferenceApp(): Promise<NestExpressApplication> {
  return NestFactory.create<NestExpressApplication>(ReferenceModule, { logger: false });
}
