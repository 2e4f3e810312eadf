import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { EntitySchema, MixedList } from 'typeorm';
import { ConfigModule, APP_CONFIG } from './config/config.module';
import type { AppConfig } from './config/config';
import { dataSourceOptions } from './database/data-source-options';
import { loggerParams } from './observability/logging';
import { QueueRegistry } from './queues/queue-registry';
import { Mailer, mailerFor } from './notifications/mailer';
import { NotificationInbox } from './notifications/inbox';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function | string | EntitySchema>;

/** What both processes need: configuration, logs, the database, the queues, the mailer, the inbox. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: { entities: EntityList; poolSize?: number }): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule,
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => loggerParams(config),
        }),
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            dataSourceOptions(config.databaseUrl, options.entities, options.poolSize),
        }),
      ],
      providers: [
        QueueRegistry,
        // SMTP when SMTP_URL is set, else the log: the in-app inbox is then the only delivery.
        { provide: Mailer, inject: [APP_CONFIG], useFactory: (config: AppConfig) => mailerFor(config) },
        NotificationInbox,
      ],
      exports: [QueueRegistry, Mailer, NotificationInbox],
    };
  }
}
