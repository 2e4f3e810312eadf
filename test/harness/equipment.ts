import { randomBytes, randomInt } from 'node:crypto';
import { Role } from '@masks/core';
import { findDepartment } from '@masks/geography';
import {
  Organisation,
  OrganisationKind,
  finessPrefixOf,
  randomSiret,
  sizeClassOf,
  withFinessKey,
} from '@masks/organisations';
import type { TestApp } from './app';
import { createDgeOfficer, createMemberWithRoles, SIGN_UP, signUpInput, type Actor } from './factories';

/** A random valid FINESS number of a department. */
export function randomFiness(departmentCode: string): string {
  const prefix = finessPrefixOf(departmentCode);
  const digits = Array.from({ length: 8 - prefix.length }, () => randomInt(0, 10)).join('');
  return withFinessKey(prefix + digits);
}

export interface Establishment extends Actor {
  finess: string;
}

/** A health establishment signs up as any organisation does, with its FINESS number. */
export function establishmentSignUpInput(departmentCode: string, finess = randomFiness(departmentCode)) {
  const input = signUpInput({
    kinds: [OrganisationKind.HEALTH_ESTABLISHMENT],
    departmentCode,
    name: `Centre hospitalier ${randomBytes(3).toString('hex')}`,
  });
  return { ...input, organisation: { ...input.organisation, finess } };
}

export async function signUpEstablishment(app: TestApp, departmentCode: string): Promise<Establishment> {
  const input = establishmentSignUpInput(departmentCode);
  const response = await app.gql<{
    signUp: { organisation: { id: string }; session: { accessToken: string; refreshToken: string } };
  }>(SIGN_UP, { input });
  if (!response.data) throw new Error(`sign-up failed: ${JSON.stringify(response.errors)}`);
  return {
    organisationId: response.data.signUp.organisation.id,
    email: input.admin.email,
    token: response.data.signUp.session.accessToken,
    refreshToken: response.data.signUp.session.refreshToken,
    finess: input.organisation.finess,
  };
}

/** A regional health agency is created by operators (like the authority), seated in a department of its region. */
export async function createRegionalAgency(app: TestApp, departmentCode: string): Promise<Actor> {
  const department = findDepartment(departmentCode);
  if (!department) throw new Error(`unknown department ${departmentCode}`);
  const agency = await app.dataSource.getRepository(Organisation).save({
    siret: randomSiret(),
    siren: '130000000',
    name: `ARS ${department.regionCode}`,
    kinds: [OrganisationKind.REGIONAL_HEALTH_AGENCY],
    headcount: 400,
    sizeClass: sizeClassOf(400),
    departmentCode: department.code,
    regionCode: department.regionCode,
    city: null,
    salesContact: null,
  });
  return createMemberWithRoles(app, agency.id, [Role.ORG_ADMIN, Role.EQUIPMENT_MANAGER]);
}

/** The ministry: the authority's officer (the DGE kind and role serve as the State here). */
export const createMinistry = (app: TestApp): Promise<Actor> => createDgeOfficer(app);

export const ALLOCATE = `mutation($input: AllocateEquipmentInput!) {
  allocateEquipment(input: $input) { id quantity shipped establishmentId departmentCode regionCode }
}`;
export const PREPARE = `mutation($input: EquipmentShipmentInput!) {
  prepareEquipmentShipment(input: $input) { id status establishmentId }
}`;
export const DISPATCH = `mutation($id: ID!) { dispatchEquipmentShipment(id: $id) { id status dispatchedAt } }`;
export const SHIPMENT = `query($id: ID!) {
  equipmentShipment(id: $id) {
    id status carrier receivedAt kind { code }
    units { outcome acknowledgedAt unit { id serialNumber shippedSerialNumber status lot model establishmentId } }
  }
}`;

/** Runs a GraphQL operation that must succeed, returning its data. */
export async function ok<T>(
  app: TestApp,
  query: string,
  variables: Record<string, unknown>,
  actor: { token: string },
): Promise<T> {
  const response = await app.gql<T>(query, variables, actor);
  if (!response.data || response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data;
}

export const serials = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    serialNumber: `${prefix}-${String(i + 1).padStart(4, '0')}`,
    lot: 'LOT-A',
    model: 'Monnal T60',
  }));
