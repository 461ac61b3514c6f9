import { describe, expect, it } from 'vitest';
import { mongoImage, mongoVersionFor } from '../../../sim/apps/mongo';
import { matchesFilter, parseWireReply, wireRequest } from '../../../sim/apps/mongo-wire';
import { FakeWorld } from './fake-world';

function mongo(image = 'mongo:3.4-jessie', persistent?: Map<string, unknown>) {
  const world = new FakeWorld();
  const c = world.start(mongoImage, { podName: 'mongodb-0', podIP: '10.244.1.5', image, persistent });
  return { world, c };
}

describe('mongo', () => {
  it('listens on 27017 only after start-up, and logs like mongod 3.4', () => {
    const { world, c } = mongo();
    expect(c.instance.listening(27017)).toBe(false);
    expect(c.logs[0]).toBe('2026-01-01T09:00:00.000+0000 I CONTROL  [initandlisten] MongoDB starting : pid=1 port=27017 dbpath=/data/db 64-bit host=mongodb-0');
    expect(c.logs[1]).toBe('2026-01-01T09:00:00.000+0000 I CONTROL  [initandlisten] db version v3.4.24');
    world.advance(2_000);
    expect(c.instance.listening(27017)).toBe(true);
    expect(c.logs[c.logs.length - 1]).toMatch(/^2026-01-01T09:00:01\.\d{3}\+0000 I NETWORK  \[thread1\] waiting for connections on port 27017$/);
  });

  it('logs structured JSON from 4.4 on', () => {
    const { world, c } = mongo('mongo:7.0');
    world.advance(2_000);
    expect(c.logs[c.logs.length - 1]).toMatch(/^\{"t":\{"\$date":"2026-01-01T09:00:0\d\.\d{3}\+00:00"\},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":\{"port":27017,"ssl":"off"\}\}$/);
  });

  it('answers plain HTTP with the native-port message', () => {
    const { world, c } = mongo();
    world.advance(2_000);
    const res = c.instance.http!(27017, { method: 'GET', path: '/' });
    expect(res.body).toBe('It looks like you are trying to access MongoDB over HTTP on the native driver port.\n');
    expect(res.headers?.['Content-Length']).toBe('84');
  });

  it('stores documents through the wire protocol', () => {
    const { world, c } = mongo();
    world.advance(2_000);
    const send = (op: string, payload: unknown) => parseWireReply(c.instance.http!(27017, wireRequest('shop', 'items', op, payload)));
    expect(send('insert', { documents: [{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }] })).toEqual({ ok: true, value: { ok: 1, n: 2 } });
    expect(send('insert', { documents: [{ _id: 'a' }] })).toEqual({ ok: false, errmsg: 'E11000 duplicate key error collection: shop.items index: _id_ dup key: { : "a" }' });
    expect(send('find', { filter: { n: { $gt: 1 } } })).toEqual({ ok: true, value: { ok: 1, documents: [{ _id: 'b', n: 2 }] } });
    expect(send('update', { filter: { _id: 'c' }, set: { n: 3 }, upsert: true })).toMatchObject({ ok: true, value: { n: 1, upserted: 'c' } });
    expect(send('delete', { filter: { _id: 'a' } })).toMatchObject({ ok: true, value: { n: 1 } });
    expect(send('count', {})).toMatchObject({ ok: true, value: { n: 2 } });
  });

  it('keeps data in a persistent volume and says so when it starts again', () => {
    const volume = new Map<string, unknown>();
    const first = mongo('mongo:3.4-jessie', volume);
    first.world.advance(2_000);
    first.c.instance.http!(27017, wireRequest('smilrDb', 'events', 'insert', { documents: [{ _id: 'e1' }] }));
    const second = mongo('mongo:3.4-jessie', volume);
    second.world.advance(2_000);
    expect(second.c.logs.some((l) => l.includes("Detected data files in /data/db created by the 'wiredTiger' storage engine"))).toBe(true);
    const found = parseWireReply(second.c.instance.http!(27017, wireRequest('smilrDb', 'events', 'find', {})));
    expect(found).toEqual({ ok: true, value: { ok: 1, documents: [{ _id: 'e1' }] } });
  });

  it('shuts down cleanly on SIGTERM: logs it, stops listening, asks for 300 ms', () => {
    const { world, c } = mongo();
    world.advance(2_000);
    expect(c.instance.terminate?.()).toBe(300);
    expect(c.instance.listening(27017)).toBe(false);
    expect(c.logs[c.logs.length - 1]).toMatch(/I CONTROL  \[signalProcessingThread\] shutting down with code:0$/);
  });

  it('maps tags to server versions', () => {
    expect(['3.4-jessie', '4.4.6', '6', 'latest', 'jammy'].map(mongoVersionFor)).toEqual(['3.4.24', '4.4.6', '6.0.20', '8.0.4', '8.0.4']);
  });

  it('matches filters with $and and comparisons', () => {
    const doc = { start: '2026-01-01', end: '2026-12-31', topic: 1 };
    expect(matchesFilter(doc, { $and: [{ start: { $lte: '2026-06-01' } }, { end: { $gte: '2026-06-01' } }] })).toBe(true);
    expect(matchesFilter(doc, { topic: 2 })).toBe(false);
    expect(matchesFilter(doc, { topic: { $in: [1, 2] } })).toBe(true);
  });
});
