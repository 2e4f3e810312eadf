import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '@masks/core';
import {
  AuthService,
  DEMO_PASSWORD,
  OrganisationKind,
  OrganisationsService,
  withLuhnDigit,
} from '@masks/organisations';
import { PickupStore } from './click-collect.entity';
import { PickupStoresService } from './pickup-stores.service';
import { EnrolmentService } from './enrolment.service';
import { ClickCollectOrdersService } from './click-collect-orders.service';

const NETWORK_EMAIL = 'magasins@reseau-proximite.test';
const COMPANY_EMAIL = 'gerance@boulangerie-martin.test';

/** Invented stores of an invented network, in four departments, each with a first delivery. */
const STORES = [
  {
    name: 'Lyon Part-Dieu (démo)',
    banner: 'Géant',
    address: '17 rue du Docteur Bouchut',
    postalCode: '69003',
    city: 'Lyon',
    departmentCode: '69',
    openingHours: 'lun.–sam. 8h30–21h',
    stock: 4_000,
  },
  {
    name: 'Marseille Prado (démo)',
    banner: 'Supermarché',
    address: '40 avenue du Prado',
    postalCode: '13006',
    city: 'Marseille',
    departmentCode: '13',
    openingHours: 'lun.–sam. 8h30–20h30, dim. 9h–12h30',
    stock: 3_000,
  },
  {
    name: 'Paris Oberkampf (démo)',
    banner: 'Petit Casino',
    address: '95 rue Oberkampf',
    postalCode: '75011',
    city: 'Paris',
    departmentCode: '75',
    openingHours: 'lun.–sam. 8h–22h, dim. 9h–13h',
    stock: 1_500,
  },
  {
    name: 'Saint-Étienne Centre (démo)',
    banner: 'Vival',
    address: '8 place Jean Jaurès',
    postalCode: '42000',
    city: 'Saint-Étienne',
    departmentCode: '42',
    openingHours: 'mar.–sam. 7h30–19h30',
    stock: 0,
  },
];

/**
 * `npm start`'s click & collect: a retail network with stores in a few departments, a TPE enrolled
 * with it, its persons, and one order that used part of this fortnight's quota. Loaded once.
 */
@Injectable()
export class ClickCollectDemoData {
  private readonly logger = new Logger(ClickCollectDemoData.name);
  readonly logins = [
    { email: NETWORK_EMAIL, role: 'retail pickup network (stores, stock)' },
    { email: COMPANY_EMAIL, role: 'TPE in click & collect (persons, quota, orders)' },
  ];

  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly auth: AuthService,
    private readonly stores: PickupStoresService,
    private readonly enrolment: EnrolmentService,
    private readonly orders: ClickCollectOrdersService,
  ) {}

  async load(): Promise<boolean> {
    if (await this.dataSource.getRepository(PickupStore).exists({ where: { name: STORES[0].name } }))
      return false;
    const network = await this.signUp(
      NETWORK_EMAIL,
      {
        siret: withLuhnDigit('5100000000001'),
        name: 'Réseau Proximité (démo)',
        kinds: [OrganisationKind.RETAIL_PICKUP_NETWORK],
        headcount: 12_000,
        departmentCode: '42',
        city: 'Saint-Étienne',
      },
      'Nadia Ferrand',
    );
    const storeIds: string[] = [];
    for (const { stock, ...store } of STORES) {
      const declared = await this.stores.declare(network, store);
      if (stock)
        await this.stores.receive(network, { storeId: declared.id, quantity: stock, reference: 'BL-DEMO-1' });
      storeIds.push(declared.id);
    }
    const company = await this.signUp(
      COMPANY_EMAIL,
      {
        siret: withLuhnDigit('5200000000001'),
        name: 'Boulangerie Martin (démo)',
        kinds: [OrganisationKind.BUYER],
        headcount: 8,
        departmentCode: '69',
        city: 'Lyon',
      },
      'Julie Martin',
    );
    await this.enrolment.enrol(company, { networkId: network.organisationId });
    const persons = await this.enrolment.declarePersons(company, {
      persons: ['BM-01', 'BM-02', 'BM-03', 'BM-04', 'BM-05', 'BM-06'].map((internalRef) => ({ internalRef })),
    });
    await this.orders.place(company, {
      storeId: storeIds[0],
      persons: [
        { personId: persons[0].id, quantity: 25 },
        { personId: persons[1].id, quantity: 10 },
        { personId: persons[2].id, quantity: 5 },
      ],
    });
    this.logger.log(`Demo click & collect loaded: ${STORES.length} stores, 1 enrolled company`);
    return true;
  }

  private async signUp(
    email: string,
    organisation: {
      siret: string;
      name: string;
      kinds: OrganisationKind[];
      headcount: number;
      departmentCode: string;
      city: string;
    },
    fullName: string,
  ): Promise<RequestContext> {
    const signed = await this.organisations.signUp(RequestContext.system(), {
      organisation,
      admin: { email, fullName, password: DEMO_PASSWORD },
    });
    return new RequestContext(undefined, this.auth.principalOf(signed.session.membership));
  }
}
