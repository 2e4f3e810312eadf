import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp, type Options } from 'pino-http';
import { loggerParams } from './logging';

describe('request logs', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const middleware = pinoHttp(loggerParams({ logLevel: 'info' }).pinoHttp as Options, sink);
    server = createServer((req, res) => middleware(req, res, () => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('writes one line per request with its id, and no credentials', async () => {
    await fetch(`${url}/graphql?x=1`, {
      headers: { 'x-request-id': 'req-42', authorization: 'Bearer secret-token', 'user-agent': 'spec' },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      service: 'masks',
      req: { id: 'req-42', method: 'GET', url: '/graphql?x=1', userAgent: 'spec' },
      res: { statusCode: 200 },
      msg: 'request completed',
    });
    expect(JSON.stringify(lines[0])).not.toContain('secret-token');
  });
});
