import { randomUUID } from 'node:crypto';
import { keyReader } from '@masks/core';
import { Organisation } from '@masks/organisations';
import { startTestApp, type TestApp } from './harness/app';
import { signUp } from './harness/factories';

describe('keyReader', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('reads an entity by key as TypeORM does (types, nulls, dates, arrays), in one statement; absent reads as null', async () => {
    const { organisationId } = await signUp(app, { kinds: ['BUYER', 'LARGE_GROUP'] as never });
    const repository = app.dataSource.getRepository(Organisation);
    const read = keyReader(repository);
    const before = app.queryCounter.count;
    const organisation = await read(organisationId);
    expect(app.queryCounter.count - before).toBe(1);
    expect(organisation).toStrictEqual(await repository.findOneBy({ id: organisationId }));
    expect(organisation?.createdAt).toBeInstanceOf(Date);
    expect(await read(randomUUID())).toBeNull();
  });
});
