import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ThrottlerModule } from '@nestjs/throttler';
import { TerminusModule } from '@nestjs/terminus';
import {
  APP_CONFIG,
  AccessGuard,
  AppExceptionFilter,
  AppThrottlerGuard,
  CoreModule,
  OpsController,
  QueueHealth,
  graphqlOptions,
  inputValidationPipe,
  rateLimitStorage,
  type AppConfig,
} from '@masks/core';
import { OrganisationsModule } from '@masks/organisations';
import { CatalogModule } from '@masks/catalog';
import { OrdersModule } from '@masks/orders';
import { PaymentGatewayModule, PaymentsApiModule } from '@masks/payments';
import { NeedsModule } from '@masks/matching';
import { CertificationModule } from '@masks/certification';
import { ClickCollectModule } from '@masks/click-collect';
import { EquipmentModule } from '@masks/equipment';
import { ALL_ENTITIES } from '../common/entities';

/** The HTTP process: GraphQL, health, metrics. Business logic lives in the libs. */
@Module({
  imports: [
    CoreModule.forRoot({ entities: ALL_ENTITIES }),
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => graphqlOptions(config),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute }],
        storage: rateLimitStorage(config),
      }),
    }),
    TerminusModule,
    OrganisationsModule,
    CatalogModule,
    PaymentGatewayModule,
    OrdersModule,
    PaymentsApiModule,
    NeedsModule,
    CertificationModule,
    ClickCollectModule,
    EquipmentModule,
  ],
  controllers: [OpsController],
  providers: [
    QueueHealth,
    // Guards run in this order: rate limit first, then access (deny by default).
    { provide: APP_GUARD, useClass: AppThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: AppExceptionFilter },
    {
      provide: APP_PIPE,
      useValue: inputValidationPipe(),
    },
  ],
})
export class ApiModule {}
