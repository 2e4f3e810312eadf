import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, CREDENTIAL_VERIFIER, type AppConfig } from '@masks/core';
import { AuthService } from './auth.service';
import { OrganisationsService } from './organisations.service';
import { MembersService } from './members.service';
import { ApiKeysService } from './api-keys.service';
import { AuditLogService } from './audit-log.service';
import { OrganisationsDemoData } from './demo-data';
import { OrganisationsResolver, SubcontractingLinkResolver } from './organisations.resolver';
import { AuthResolver, MembersResolver } from './members.resolver';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [
    AuthService,
    { provide: CREDENTIAL_VERIFIER, useExisting: AuthService },
    OrganisationsService,
    MembersService,
    ApiKeysService,
    AuditLogService,
    OrganisationsResolver,
    SubcontractingLinkResolver,
    AuthResolver,
    MembersResolver,
    OrganisationsDemoData,
  ],
  exports: [AuthService, CREDENTIAL_VERIFIER, OrganisationsService, OrganisationsDemoData],
})
export class OrganisationsModule {}
