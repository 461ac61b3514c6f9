import { describe, expect, it } from 'vitest';
import { mongoImage } from '../../../sim/apps/mongo';
import { smilrDataApiImage, requestLogLine } from '../../../sim/apps/smilr-data-api';
import { FakeWorld, get, type FakeContainer } from './fake-world';

const MONGO_IP = '10.244.1.5';
const API = 'myacr.azurecr.io/smilr/data-api';

function startMongo(world: FakeWorld, name = 'mongodb-5d59d67564-abcde', ip = MONGO_IP, persistent?: Map<string, unknown>): FakeContainer {
  return world.start(mongoImage, { podName: name, podIP: ip, image: 'mongo:3.4-jessie', ports: [{ port: 27017, protocol: 'TCP' }], persistent });
}

function startApi(world: FakeWorld, env: Record<string, string>, name = 'data-api-7d4b9c8f6-x2k8p'): FakeContainer {
  return world.start(smilrDataApiImage, { podName: name, podIP: '10.244.2.7', image: API, env, ports: [{ port: 4000, protocol: 'TCP' }] });
}

function json(c: FakeContainer, path: string): { status: number; body: unknown } {
  const res = c.instance.http!(4000, get(path));
  return { status: res.status, body: res.headers?.['Content-Type']?.startsWith('application/json') ? JSON.parse(res.body) : res.body };
}

function post(c: FakeContainer, path: string, body = '', remoteAddress = '127.0.0.1') {
  return c.instance.http!(4000, { method: 'POST', path, headers: { 'Content-Type': 'application/json' }, body, remoteAddress } as never);
}

describe('smilr data-api start-up', () => {
  it('exits 1 with the real error when MONGO_CONNSTR is missing', () => {
    const world = new FakeWorld();
    const api = startApi(world, {});
    world.advance(2_000);
    expect(api.logs).toEqual(['### !ERROR! Missing env variable MONGO_CONNSTR. Exiting!']);
    expect(api.exited?.code).toBe(1);
    expect(api.instance.listening(4000)).toBe(false);
  });

  it('connects to a reachable mongo, then listens on 4000 and reports its pod name in /api/info', () => {
    const world = new FakeWorld();
    startMongo(world);
    world.advance(5_000);
    const api = startApi(world, { MONGO_CONNSTR: `mongodb://${MONGO_IP}` });
    expect(api.instance.listening(4000)).toBe(false);
    world.advance(2_000);
    expect(api.logs).toEqual([
      "### Node environment mode is 'production'",
      `### Connection attempt 1 to MongoDB server ${MONGO_IP}`,
      '### Yay! Connected to MongoDB server',
      '### Server listening on 4000',
    ]);
    expect(api.instance.listening(4000)).toBe(true);
    const info = json(api, '/api/info');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ hostname: 'data-api-7d4b9c8f6-x2k8p', nodeVer: 'v8.12.0', mongoDb: { connected: true, host: MONGO_IP, port: 27017, serverVersion: '3.4.24' } });
    expect(api.logs[api.logs.length - 1]).toMatch(/^- - - \[01\/Jan\/2026:09:00:0\d \+0000\] "GET \/api\/info HTTP\/1\.1" 200 \d+ "-" "curl\/8\.12\.1"$/);
  });

  it('retries 30 s apart, stops after 5 attempts and exits with -1 (255)', () => {
    const world = new FakeWorld();
    world.timeoutMs = 30_000;
    const api = startApi(world, { MONGO_CONNSTR: 'mongodb://10.244.9.9' });
    world.advance(10 * 60_000);
    const attempts = api.logs.filter((l) => l.startsWith('### Connection attempt'));
    expect(attempts).toHaveLength(5);
    const times = world.connections.filter((c) => c.from === api.opts.podName).map((c) => c.at);
    expect(times.slice(1).map((t, i) => t - times[i])).toEqual([60_000, 60_000, 60_000, 60_000]); // 30 s timeout + 30 s delay
    expect(api.logs.filter((l) => l === '### MongoDB connection attempt failed, retrying in 30 seconds')).toHaveLength(4);
    expect(api.logs.slice(-2)).toEqual([
      '### ERROR! Unable to connect to MongoDB!, URL=mongodb://10.244.9.9',
      'connection 4 to 10.244.9.9:27017 timed out',
    ]);
    expect(api.exited?.code).toBe(255);
  });

  it('honours MONGO_RETRIES and MONGO_RETRY_DELAY and reports a refused connection', () => {
    const world = new FakeWorld();
    world.service('mongodb-svc', '10.0.171.239', () => undefined);
    const api = startApi(world, { MONGO_CONNSTR: 'mongodb://mongodb-svc', MONGO_RETRIES: '2', MONGO_RETRY_DELAY: '5' });
    world.advance(60_000);
    expect(api.logs).toContain('### MongoDB connection attempt failed, retrying in 5 seconds');
    expect(api.logs.filter((l) => l.startsWith('### Connection attempt'))).toHaveLength(2);
    expect(api.logs[api.logs.length - 1]).toBe('connect ECONNREFUSED 10.0.171.239:27017');
  });
});

describe('smilr data-api when mongo goes away', () => {
  it('by pod IP: logs the loss and failed reconnects, and /api/info and /api/events report it', () => {
    const world = new FakeWorld();
    const mongo = startMongo(world);
    world.advance(3_000);
    const api = startApi(world, { MONGO_CONNSTR: `mongodb://${MONGO_IP}` });
    world.advance(2_000);
    mongo.stop();
    startMongo(world, 'mongodb-5d59d67564-zzzzz', '10.244.3.9'); // the replacement gets a new IP
    world.advance(10_000);
    expect(api.logs).toContain(`### MongoDB connection 0 to ${MONGO_IP}:27017 closed, reconnecting`);
    world.advance(60_000);
    expect(api.logs).toContain(`### MongoDB reconnect attempt 1 failed: connection 1 to ${MONGO_IP}:27017 timed out`);
    expect(json(api, '/api/info').body).toMatchObject({ hostname: api.opts.podName, mongoDb: { connected: false, host: MONGO_IP } });
    const events = json(api, '/api/events');
    expect(events.status).toBe(500);
    expect(events.body).toMatchObject({ name: 'MongoNetworkError' });
    expect(api.exited).toBeUndefined();
  });

  it('by service name: reconnects to the replacement pod through the Service', () => {
    const world = new FakeWorld();
    let current = startMongo(world);
    world.service('mongodb-svc.default', '10.0.171.239', () => current);
    world.advance(3_000);
    const api = startApi(world, { MONGO_CONNSTR: 'mongodb://mongodb-svc.default' });
    world.advance(2_000);
    expect(json(api, '/api/info').body).toMatchObject({ mongoDb: { connected: true, host: 'mongodb-svc.default' } });
    current.stop();
    current = startMongo(world, 'mongodb-5d59d67564-qqqqq', '10.244.3.9');
    world.advance(15_000);
    expect(api.logs).toContain('### Reconnected to MongoDB server mongodb-svc.default (10.244.3.9:27017)');
    expect(json(api, '/api/info').body).toMatchObject({ mongoDb: { connected: true } });
    expect(current.logs.some((l) => l.includes('connection accepted from 10.244.2.7'))).toBe(true);
  });
});

describe('smilr data-api data', () => {
  function boot(persistent?: Map<string, unknown>) {
    const world = new FakeWorld();
    let mongo = startMongo(world, 'mongodb-0', MONGO_IP, persistent);
    world.service('mongodb-svc', '10.0.171.239', () => mongo);
    world.advance(3_000);
    const api = startApi(world, { MONGO_CONNSTR: 'mongodb://mongodb-svc' });
    world.advance(2_000);
    const replaceMongo = (): void => {
      mongo.stop();
      mongo = startMongo(world, 'mongodb-0', '10.244.3.3', persistent);
      world.advance(20_000);
    };
    return { world, api, replaceMongo };
  }

  it('POST /api/bulk loads the demo data and GET /api/events returns it with ids', () => {
    const { api } = boot();
    const res = post(api, '/api/bulk');
    expect(JSON.parse(res.body)).toEqual({ eventsLoaded: 3, feedbackLoaded: 5 });
    expect(api.logs).toContain('### Bulk load request from ::ffff:127.0.0.1');
    const events = json(api, '/api/events').body as { id: string; title: string }[];
    expect(events.map((e) => e.id)).toEqual(['demo01', 'demo02', 'demo03']);
    expect(events[1]).not.toHaveProperty('_id');
    const feedback = json(api, '/api/feedback/demo02/1').body as unknown[];
    expect(feedback).toHaveLength(1);
    expect(json(api, '/api/events/nope')).toEqual({ status: 404, body: "Event with id 'nope' not found" });
  });

  it('refuses /api/bulk from outside the pod', () => {
    const { api } = boot();
    expect(post(api, '/api/bulk', '', '10.244.0.1').status).toBe(401);
  });

  it('a new mongo pod without a volume starts empty', () => {
    const { api, replaceMongo } = boot();
    post(api, '/api/bulk');
    replaceMongo();
    expect(json(api, '/api/events')).toEqual({ status: 200, body: [] });
  });

  it('with a persistent volume the data survives the pod', () => {
    const volume = new Map<string, unknown>();
    const { api, replaceMongo } = boot(volume);
    post(api, '/api/bulk');
    replaceMongo();
    expect((json(api, '/api/events').body as unknown[]).length).toBe(3);
  });

  it('answers unknown routes with Express\'s 400 Bad Request', () => {
    const { api } = boot();
    const res = api.instance.http!(4000, get('/nothing'));
    expect([res.status, res.body]).toEqual([400, 'Bad Request']);
  });
});

describe('requestLogLine', () => {
  it('formats morgan combined and dev lines', () => {
    const req = { method: 'GET', path: '/api/info', headers: { 'user-agent': 'curl/8.12.1' }, remoteAddress: '10.244.0.1' } as never;
    const res = { status: 200, headers: { 'Content-Length': '12' }, body: '{"ok":true}\n' };
    expect(requestLogLine('combined', 1_767_258_000_000, req, res, 2)).toBe('::ffff:10.244.0.1 - - [01/Jan/2026:09:00:00 +0000] "GET /api/info HTTP/1.1" 200 12 "-" "curl/8.12.1"');
    expect(requestLogLine('dev', 0, req, res, 2.5)).toBe('GET /api/info 200 2.500 ms - 12');
  });
});
