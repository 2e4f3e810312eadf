import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, CREDENTIAL_VERIFIER, ORGANISATION_KINDS, type AppConfig } from '@masks/core';
import { AuthService } from './auth.service';
import { OrganisationsService } from './organisations.service';
import { MembersService } from './members.service';
import { ApiKeysService } from './api-keys.service';
import { AuditEntryResolver } from './audit-log.resolver';
import { AuditLogService } from './audit-log.service';
import { OrganisationsDemoData } from './demo-data';
import { OrganisationsResolver, SubcontractingLinkResolver } from './organisations.resolver';
import { AuthResolver, InvitationResolver, MembersResolver } from './members.resolver';
import { OrganisationKindsService } from './organisation-kinds.service';
import { BankDetailsService } from './bank-details.service';
import { BankDetailsResolver } from './bank-details.resolver';
import { NotificationsResolver } from './notifications.resolver';
import { WebSessionController } from './web-session.controller';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public
      // key on every sign and verify (createPublicKey throws, then createSecretKey), which was a third
      // of the API's CPU time. Pinning the algorithm also refuses tokens signed any other way.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [WebSessionController],
  providers: [
    AuthService,
    { provide: CREDENTIAL_VERIFIER, useExisting: AuthService },
    { provide: ORGANISATION_KINDS, useClass: OrganisationKindsService },
    OrganisationsService,
    MembersService,
    ApiKeysService,
    AuditLogService,
    AuditEntryResolver,
    OrganisationsResolver,
    SubcontractingLinkResolver,
    AuthResolver,
    MembersResolver,
    InvitationResolver,
    OrganisationsDemoData,
    BankDetailsService,
    BankDetailsResolver,
    NotificationsResolver,
  ],
  exports: [
    AuthService,
    CREDENTIAL_VERIFIER,
    ORGANISATION_KINDS,
    OrganisationsService,
    OrganisationsDemoData,
  ],
})
export class OrganisationsModule {}
