import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '@masks/core';
import {
  AuthService,
  DEMO_PASSWORD,
  Membership,
  OrganisationKind,
  OrganisationsService,
  User,
  withLuhnDigit,
} from '@masks/organisations';
import { ProductsService } from './products.service';
import { OffersService } from './offers.service';
import { Product } from './product.entity';
import { MaskCategory } from './domain/categories';
import type { OfferInput, ProductInput } from './dto/catalog.inputs';

/** What the certification demo must make of each demo product (it decides; the catalog only lists). */
export type DemoCertificationPlan = 'valid' | 'derogation' | 'revoked' | 'pending';

export interface DemoProduct {
  productId: string;
  supplierId: string;
  standardCode: string;
  category: MaskCategory;
  plan: DemoCertificationPlan;
}

interface DemoSupplier {
  siretBody: string;
  name: string;
  kinds: OrganisationKind[];
  departmentCode: string;
  city: string;
  email: string;
  fullName: string;
  products: {
    product: Omit<ProductInput, 'packSize' | 'ceMarked'> & { packSize?: number };
    plan: DemoCertificationPlan;
    lots: Partial<OfferInput>[];
  }[];
}

const tiers = (base: number, from = 5_000) => [
  { minQuantity: from, unitPriceMicros: base },
  { minQuantity: 50_000, unitPriceMicros: Math.round(base * 0.85) },
];

/** Invented suppliers across regions and categories, with lots of ~50,000 masks (seed 001). */
const SUPPLIERS: DemoSupplier[] = [
  {
    siretBody: '4500000000001',
    name: 'Filtration Anjou (démo)',
    kinds: [OrganisationKind.MANUFACTURER],
    departmentCode: '49',
    city: 'Angers',
    email: 'ventes@filtration-anjou.test',
    fullName: 'Paul Moreau',
    products: [
      {
        product: {
          category: MaskCategory.FFP2,
          standardCode: 'EN149-FFP2',
          brand: 'Anjou Filtre',
          model: 'AF-200',
          reusable: false,
          countryOfProduction: 'FR',
          productionCity: 'Angers',
          productionDepartmentCode: '49',
          dailyCapacity: 400_000,
        },
        plan: 'valid',
        lots: [{ quantity: 50_000 }, { quantity: 200_000, warehouseDepartmentCode: '44', leadTimeDays: 7 }],
      },
      {
        product: {
          category: MaskCategory.SURGICAL_IIR,
          standardCode: 'EN14683-IIR',
          brand: 'Anjou Filtre',
          model: 'AF-IIR',
          reusable: false,
          countryOfProduction: 'FR',
          productionCity: 'Angers',
          productionDepartmentCode: '49',
          dailyCapacity: 1_000_000,
        },
        plan: 'valid',
        lots: [{ quantity: 500_000, priceTiers: tiers(420_000) }],
      },
    ],
  },
  {
    siretBody: '4600000000001',
    name: 'Protections Bretagne (démo)',
    kinds: [OrganisationKind.MANUFACTURER],
    departmentCode: '22',
    city: 'Plaintel',
    email: 'commercial@protections-bretagne.test',
    fullName: 'Anne Le Goff',
    products: [
      {
        product: {
          category: MaskCategory.SURGICAL_II,
          standardCode: 'EN14683-II',
          brand: 'Breizh Protect',
          model: 'BP-2',
          reusable: false,
          countryOfProduction: 'FR',
          productionCity: 'Plaintel',
          productionDepartmentCode: '22',
          dailyCapacity: 600_000,
        },
        plan: 'valid',
        lots: [{ quantity: 250_000, priceTiers: tiers(380_000) }],
      },
      {
        product: {
          category: MaskCategory.FFP2,
          standardCode: 'EN149-FFP2',
          brand: 'Breizh Protect',
          model: 'BP-FFP2',
          reusable: false,
          countryOfProduction: 'FR',
          productionCity: 'Plaintel',
          productionDepartmentCode: '22',
          dailyCapacity: 150_000,
        },
        plan: 'pending',
        lots: [{ quantity: 50_000, priceTiers: tiers(1_100_000) }],
      },
    ],
  },
  {
    siretBody: '4700000000001',
    name: 'Import Santé Méditerranée (démo)',
    kinds: [OrganisationKind.IMPORTER],
    departmentCode: '13',
    city: 'Marseille',
    email: 'import@sante-mediterranee.test',
    fullName: 'Karim Benali',
    products: [
      {
        product: {
          category: MaskCategory.FFP2,
          standardCode: 'KN95',
          brand: 'Guardian',
          model: 'KN95-601',
          reusable: false,
          countryOfProduction: 'CN',
          productionCity: 'Shenzhen',
        },
        plan: 'derogation',
        lots: [
          { quantity: 100_000, priceTiers: tiers(1_900_000), warehouseDepartmentCode: '13', leadTimeDays: 3 },
        ],
      },
      {
        product: {
          category: MaskCategory.SURGICAL_I,
          standardCode: 'YY0469',
          brand: 'MedAsia',
          model: 'YY-3P',
          reusable: false,
          countryOfProduction: 'CN',
          productionCity: 'Wuhan',
        },
        plan: 'derogation',
        lots: [{ quantity: 300_000, priceTiers: tiers(300_000), warehouseDepartmentCode: '13' }],
      },
      {
        product: {
          category: MaskCategory.SURGICAL_I,
          standardCode: 'EN14683-I',
          brand: 'MedAsia',
          model: 'CE-I',
          reusable: false,
          countryOfProduction: 'VN',
          productionCity: 'Hô Chi Minh-Ville',
        },
        plan: 'valid',
        lots: [
          { quantity: 150_000, priceTiers: tiers(320_000), warehouseDepartmentCode: '13', leadTimeDays: 4 },
        ],
      },
    ],
  },
  {
    siretBody: '4800000000001',
    name: 'Distrib Pro Rhône (démo)',
    kinds: [OrganisationKind.DISTRIBUTOR],
    departmentCode: '69',
    city: 'Lyon',
    email: 'pro@distrib-rhone.test',
    fullName: 'Sophie Garnier',
    products: [
      {
        product: {
          category: MaskCategory.FFP2,
          standardCode: 'N95',
          brand: 'NorthShield',
          model: 'N95-8210',
          reusable: false,
          countryOfProduction: 'US',
          productionCity: 'Saint Paul',
        },
        plan: 'derogation',
        lots: [{ quantity: 50_000, priceTiers: tiers(2_200_000), warehouseDepartmentCode: '69' }],
      },
      {
        product: {
          category: MaskCategory.UNS2,
          standardCode: 'AFNOR-UNS2',
          brand: 'Lyon Textile',
          model: 'LT-UNS2',
          reusable: true,
          declaredWashes: 20,
          countryOfProduction: 'FR',
          productionCity: 'Villeurbanne',
          productionDepartmentCode: '69',
          dailyCapacity: 30_000,
        },
        plan: 'valid',
        lots: [
          {
            quantity: 60_000,
            priceTiers: tiers(1_500_000, 1_000),
            warehouseDepartmentCode: '69',
            minimumOrderQuantity: 1_000,
            orderIncrement: 1_000,
          },
        ],
      },
    ],
  },
  {
    siretBody: '4900000000001',
    name: 'Masques du Nord (démo)',
    kinds: [OrganisationKind.MANUFACTURER],
    departmentCode: '59',
    city: 'Roubaix',
    email: 'contact@masques-du-nord.test',
    fullName: 'Julien Lefebvre',
    products: [
      {
        product: {
          category: MaskCategory.FFP3,
          standardCode: 'EN149-FFP3',
          brand: 'Nordair',
          model: 'N-FFP3',
          reusable: false,
          countryOfProduction: 'FR',
          productionCity: 'Roubaix',
          productionDepartmentCode: '59',
          dailyCapacity: 80_000,
        },
        plan: 'valid',
        lots: [{ quantity: 50_000, priceTiers: tiers(2_400_000), warehouseDepartmentCode: '59' }],
      },
      {
        product: {
          category: MaskCategory.SURGICAL_I,
          standardCode: 'EN14683-I',
          brand: 'Nordair',
          model: 'N-CHIR',
          reusable: false,
          countryOfProduction: 'FR',
          productionCity: 'Tourcoing',
          productionDepartmentCode: '59',
          dailyCapacity: 200_000,
        },
        plan: 'revoked',
        lots: [{ quantity: 100_000, priceTiers: tiers(350_000), warehouseDepartmentCode: '59' }],
      },
    ],
  },
];

/** The existing demo manufacturer (organisations demo data) makes category 1 fabric masks. */
const VOSGES_PRODUCTS: DemoSupplier['products'] = [
  {
    product: {
      category: MaskCategory.UNS1,
      standardCode: 'AFNOR-UNS1',
      brand: 'Tissages des Vosges',
      model: 'TV-UNS1-50',
      reusable: true,
      declaredWashes: 50,
      countryOfProduction: 'FR',
      productionCity: 'Épinal',
      productionDepartmentCode: '88',
      dailyCapacity: 50_000,
    },
    plan: 'valid',
    lots: [
      {
        quantity: 50_000,
        priceTiers: tiers(2_900_000, 500),
        warehouseDepartmentCode: '88',
        minimumOrderQuantity: 500,
        orderIncrement: 500,
      },
    ],
  },
];

/** A catalog to look at after `npm start`: loaded once, after the organisations demo data. */
@Injectable()
export class CatalogDemoData {
  private readonly logger = new Logger(CatalogDemoData.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly auth: AuthService,
    private readonly products: ProductsService,
    private readonly offers: OffersService,
  ) {}

  /** Returns the demo products (for the certification demo), or null when already loaded. */
  async load(): Promise<DemoProduct[] | null> {
    if (await this.dataSource.getRepository(Product).exists({ where: { brand: 'Anjou Filtre' } }))
      return null;
    const made: DemoProduct[] = [];
    for (const supplier of SUPPLIERS) {
      const signed = await this.organisations.signUp(RequestContext.system(), {
        organisation: {
          siret: withLuhnDigit(supplier.siretBody),
          name: supplier.name,
          kinds: supplier.kinds,
          headcount: 150,
          departmentCode: supplier.departmentCode,
          city: supplier.city,
          salesContact: supplier.email,
        },
        admin: { email: supplier.email, fullName: supplier.fullName, password: DEMO_PASSWORD },
      });
      made.push(
        ...(await this.addProducts(
          new RequestContext(undefined, this.auth.principalOf(signed.session.membership)),
          supplier.products,
          supplier.departmentCode,
        )),
      );
    }
    const vosges = await this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoin(User, 'u', 'u.id = m.user_id')
      .where('u.email = :email', { email: 'ventes@textiles-vosges.test' })
      .getOne();
    if (vosges)
      made.push(
        ...(await this.addProducts(
          new RequestContext(undefined, this.auth.principalOf(vosges)),
          VOSGES_PRODUCTS,
          '88',
        )),
      );
    this.logger.log(`Demo catalog loaded: ${made.length} products`);
    return made;
  }

  private async addProducts(
    ctx: RequestContext,
    list: DemoSupplier['products'],
    departmentCode: string,
  ): Promise<DemoProduct[]> {
    const made: DemoProduct[] = [];
    for (const { product, plan, lots } of list) {
      const created = await this.products.create(ctx, { packSize: 50, ceMarked: true, ...product });
      for (const lot of lots) {
        await this.offers.create(ctx, {
          productId: created.id,
          quantity: 50_000,
          minimumOrderQuantity: 5_000,
          orderIncrement: 5_000,
          priceTiers: tiers(950_000),
          leadTimeDays: 5,
          warehouseDepartmentCode: departmentCode,
          ...lot,
        });
      }
      made.push({
        productId: created.id,
        supplierId: created.supplierId,
        standardCode: created.standardCode,
        category: created.category,
        plan,
      });
    }
    return made;
  }
}
