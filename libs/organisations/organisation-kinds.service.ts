import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrganisationKindsReader } from '@masks/core';

/** How long a kinds read is reused; kinds are set at sign-up and no operation changes them. */
const CACHE_MS = 60_000;
const CACHE_MAX = 10_000;

/**
 * The access guard's source of organisation kinds, for the operations of one side of the market. One
 * key read per organisation per minute: a supplier's ERP posting batches pays it once, not per call.
 */
@Injectable()
export class OrganisationKindsService implements OrganisationKindsReader {
  private readonly cache = new Map<string, { kinds: readonly string[]; until: number }>();

  constructor(private readonly dataSource: DataSource) {}

  async kindsOf(organisationId: string): Promise<readonly string[]> {
    const now = Date.now();
    const cached = this.cache.get(organisationId);
    if (cached && cached.until > now) return cached.kinds;
    const [row]: { kinds: string[] }[] = await this.dataSource.query(
      `SELECT kinds FROM organisation WHERE id = $1`,
      [organisationId],
    );
    const kinds = row?.kinds ?? [];
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(organisationId, { kinds, until: now + CACHE_MS });
    return kinds;
  }
}
