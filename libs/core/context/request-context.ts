import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { UnauthenticatedError } from '../errors/errors';
import { Role, type Principal } from '../auth/roles';

/**
 * Who is calling and on whose behalf, passed first to every service method (after Vendure). Also
 * holds the request's DataLoaders so a batch never outlives the request that filled it.
 */
export class RequestContext {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(
    readonly requestId: string = randomUUID(),
    public principal?: Principal,
  ) {}

  /** For jobs and scripts acting as the platform itself. */
  static system(): RequestContext {
    return new RequestContext(`system-${randomUUID()}`);
  }

  get isAuthenticated(): boolean {
    return this.principal !== undefined;
  }

  get isDge(): boolean {
    return this.principal?.roles.includes(Role.DGE_OFFICER) ?? false;
  }

  hasRole(role: Role): boolean {
    return this.principal?.roles.includes(role) ?? false;
  }

  requirePrincipal(): Principal {
    if (!this.principal) throw new UnauthenticatedError();
    return this.principal;
  }

  get organisationId(): string {
    return this.requirePrincipal().organisationId;
  }

  get userId(): string | undefined {
    return this.principal?.userId;
  }

  loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch);
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
