import { randomBytes } from 'node:crypto';
import { AuditEntry, paginate, type Connection, type SortSpec } from '@masks/core';
import { startTestApp, type TestApp } from './harness/app';

/**
 * Keyset pages over a timestamp column: PostgreSQL keeps microseconds, a cursor (a JavaScript Date)
 * milliseconds. Rows of one millisecond must each appear once, in order, whatever the page size.
 */
describe('keyset pagination on microsecond timestamps', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** Audit rows of one tag: `at` values given as text, so their microseconds are exact. */
  async function rowsAt(times: string[]): Promise<string> {
    const tag = `page-test-${randomBytes(4).toString('hex')}`;
    await app.dataSource.query(
      `INSERT INTO audit_entry (at, action, entity_type, entity_id)
       SELECT t::timestamptz, 'test.paged', $1, to_char(n, 'FM00') FROM unnest($2::text[]) WITH ORDINALITY AS r(t, n)`,
      [tag, times],
    );
    return tag;
  }

  async function everyPage(tag: string, sort: SortSpec<AuditEntry>, first: number): Promise<string[]> {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 50; page++) {
      const qb = app.dataSource
        .getRepository(AuditEntry)
        .createQueryBuilder('a')
        .where('a.entity_type = :tag', { tag });
      const connection: Connection<AuditEntry> = await paginate(qb, 'a.id', sort, { first, after });
      seen.push(...connection.edges.map((edge) => edge.node.entityId));
      if (!connection.pageInfo.hasNextPage) return seen;
      after = connection.pageInfo.endCursor ?? undefined;
    }
    throw new Error('pagination did not end');
  }

  // Six rows in one millisecond (and one either side), inserted out of order.
  const times = [
    '2020-04-01 10:00:00.123456+00',
    '2020-04-01 10:00:00.123001+00',
    '2020-04-01 10:00:00.122999+00',
    '2020-04-01 10:00:00.123999+00',
    '2020-04-01 10:00:00.123500+00',
    '2020-04-01 10:00:00.123000+00',
    '2020-04-01 10:00:00.124000+00',
    '2020-04-01 10:00:00.123250+00',
  ];
  const byTime = times
    .map((time, i) => ({ time, entityId: String(i + 1).padStart(2, '0') }))
    .sort((x, y) => (x.time < y.time ? -1 : 1))
    .map((row) => row.entityId);

  it.each([1, 2, 3])('newest first, %i per page: each row once, in order', async (first) => {
    const tag = await rowsAt(times);
    const sort: SortSpec<AuditEntry> = { column: 'a.at', value: (a) => a.at, direction: 'DESC' };
    expect(await everyPage(tag, sort, first)).toEqual([...byTime].reverse());
  });

  it.each([1, 3])('oldest first, %i per page: each row once, in order', async (first) => {
    const tag = await rowsAt(times);
    const sort: SortSpec<AuditEntry> = { column: 'a.at', value: (a) => a.at, direction: 'ASC' };
    expect(await everyPage(tag, sort, first)).toEqual(byTime);
  });

  it('continues from the cursor’s own value when its row is gone (audit rows are never deleted: an unknown id)', async () => {
    const tag = await rowsAt(times);
    const sort: SortSpec<AuditEntry> = { column: 'a.at', value: (a) => a.at, direction: 'ASC' };
    const qb = app.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .where('a.entity_type = :tag', { tag });
    // Just before the earliest row, at the millisecond the cursor can hold.
    const after = Buffer.from(JSON.stringify(['2020-04-01T10:00:00.122Z', '0'])).toString('base64url');
    const rest = await paginate(qb, 'a.id', sort, { first: 20, after });
    expect(rest.edges.map((edge) => edge.node.entityId)).toEqual(byTime);
  });
});
