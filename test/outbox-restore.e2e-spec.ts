import { notificationEvent, recordEvents } from '@masks/core';
import { startTestApp, waitFor, type TestApp } from './harness/app';

/**
 * Outbox ids restart when a database is restored from a backup or rebuilt, while Redis remembers
 * completed jobs for a day: an event reusing an old id must still be delivered, not taken for a
 * duplicate of the job that ran before.
 */
describe('outbox after a database restore', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
  });
  afterAll(() => app.close());

  const emit = (recipient: string) =>
    app.dataSource.transaction((manager) =>
      recordEvents(manager, [notificationEvent({ recipient, subject: 'restore', body: 'test' })]),
    );
  const delivered = async (recipient: string) =>
    Number(
      (
        await app.dataSource.query(`SELECT count(*) AS n FROM notification WHERE recipient = $1`, [recipient])
      )[0].n,
    );

  it('delivers an event whose id was already used by a completed job', async () => {
    const [first] = await emit('before@example.test');
    await waitFor(async () => (await delivered('before@example.test')) === 1, 10_000);
    // Restore to a state before that event: its rows are gone and the identity starts over.
    await app.dataSource.query(
      `DELETE FROM notification; DELETE FROM processed_event; DELETE FROM outbox_event`,
    );
    await app.dataSource.query(`ALTER TABLE outbox_event ALTER COLUMN id RESTART WITH ${first}`);
    const [again] = await emit('after@example.test');
    expect(again).toBe(first);
    await waitFor(async () => (await delivered('after@example.test')) === 1, 10_000);
  });
});
