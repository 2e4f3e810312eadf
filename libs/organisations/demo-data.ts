import { randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext, Role } from '@masks/core';
import { OrganisationsService } from './organisations.service';
import { MembersService } from './members.service';
import { AuthService } from './auth.service';
import { Organisation } from './organisation.entity';
import { Membership, User } from './user.entity';
import { OrganisationKind, sizeClassOf } from './domain/organisation.rules';
import { LA_POSTE_SIREN } from './domain/siret';

/** Completes 13 digits with the Luhn check digit: demo SIRETs are invented but valid. */
export function withLuhnDigit(body: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    const candidate = body + digit;
    const sum = [...candidate].reverse().reduce((acc, ch, i) => {
      const n = Number(ch) * (i % 2 ? 2 : 1);
      return acc + (n > 9 ? n - 9 : n);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/** A random valid SIRET outside La Poste's range, for demo data, tests and benchmarks. */
export function randomSiret(): string {
  for (;;) {
    const body = String(randomInt(1, 10)) + Array.from({ length: 12 }, () => randomInt(0, 10)).join('');
    const siret = withLuhnDigit(body);
    if (!siret.startsWith(LA_POSTE_SIREN)) return siret;
  }
}

export const DEMO_PASSWORD = 'demo-masques-2020';

export interface DemoLogin {
  email: string;
  role: string;
}

/** Invented people and companies (never the real referents of seed 001). Loaded once by `npm start`. */
@Injectable()
export class OrganisationsDemoData {
  private readonly logger = new Logger(OrganisationsDemoData.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly members: MembersService,
    private readonly auth: AuthService,
  ) {}

  readonly logins: DemoLogin[] = [
    { email: 'agent.dge@demo.masques.test', role: 'DGE officer' },
    { email: 'achats@pme-decolletage.test', role: 'SME buyer (Automobile filière)' },
    { email: 'achats@groupe-autoplus.test', role: 'large group buyer' },
    { email: 'ventes@textiles-vosges.test', role: 'manufacturer (supplier manager)' },
    { email: 'referent.auto@filiere.test', role: 'Automobile filière referent' },
  ];

  async load(): Promise<boolean> {
    if (await this.dataSource.getRepository(User).exists({ where: { email: this.logins[0].email } }))
      return false;
    const system = RequestContext.system();
    await this.dataSource.transaction(async (manager) => {
      const authority = await manager.save(
        manager.create(Organisation, {
          siret: withLuhnDigit('1300000000001'),
          siren: withLuhnDigit('1300000000001').slice(0, 9),
          name: 'Direction générale des entreprises (démo)',
          kinds: [OrganisationKind.AUTHORITY],
          headcount: 1200,
          sizeClass: sizeClassOf(1200),
          departmentCode: '75',
          regionCode: '11',
          city: 'Paris',
          salesContact: null,
        }),
      );
      const user = await manager.save(
        manager.create(User, {
          email: this.logins[0].email,
          fullName: 'Camille Démo',
          passwordHash: await this.auth.hashPassword(DEMO_PASSWORD),
        }),
      );
      await manager.save(
        manager.create(Membership, {
          userId: user.id,
          organisationId: authority.id,
          roles: [Role.ORG_ADMIN, Role.DGE_OFFICER],
          filiereCode: null,
        }),
      );
    });
    const companies = [
      {
        siret: '4100000000001',
        name: 'Décolletage de l’Arve (démo)',
        kinds: [OrganisationKind.BUYER],
        headcount: 42,
        departmentCode: '74',
        city: 'Cluses',
        filiereCodes: ['automobile'],
        email: this.logins[1].email,
        fullName: 'Jules Martin',
      },
      {
        siret: '4200000000001',
        name: 'Groupe AutoPlus (démo)',
        kinds: [OrganisationKind.LARGE_GROUP],
        headcount: 12000,
        departmentCode: '78',
        city: 'Poissy',
        filiereCodes: ['automobile'],
        email: this.logins[2].email,
        fullName: 'Inès Bernard',
      },
      {
        siret: '4300000000001',
        name: 'Textiles des Vosges (démo)',
        kinds: [OrganisationKind.MANUFACTURER],
        headcount: 180,
        departmentCode: '88',
        city: 'Épinal',
        filiereCodes: ['mode-luxe'],
        email: this.logins[3].email,
        fullName: 'Hugo Petit',
        salesContact: 'ventes@textiles-vosges.test',
      },
      {
        siret: '4400000000001',
        name: 'Plateforme filière automobile (démo)',
        kinds: [OrganisationKind.BUYER],
        headcount: 12,
        departmentCode: '92',
        city: 'Courbevoie',
        filiereCodes: ['automobile'],
        email: this.logins[4].email,
        fullName: 'Léa Durand',
      },
    ];
    for (const company of companies) {
      await this.organisations.signUp(system, {
        organisation: {
          siret: withLuhnDigit(company.siret),
          name: company.name,
          kinds: company.kinds,
          headcount: company.headcount,
          departmentCode: company.departmentCode,
          city: company.city,
          salesContact: company.salesContact,
          filiereCodes: company.filiereCodes,
        },
        admin: { email: company.email, fullName: company.fullName, password: DEMO_PASSWORD },
      });
    }
    await this.members.appointReferent(system, this.logins[4].email, 'automobile');
    this.logger.log('Demo organisations and people loaded');
    return true;
  }
}
