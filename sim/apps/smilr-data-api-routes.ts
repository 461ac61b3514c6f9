// The Smilr data API's routes (2018 node/data-api: routes/api-events.js, api-feedback.js, api-other.js and
// lib/utils.js): events, feedback, /api/info and /api/bulk over the MongoDB connection, with the app's own
// error bodies and its `_id` → `id` renaming of returned documents.
import { formatTimestamp } from '../model/time';
import type { HttpRequest, HttpResponse } from '../net/types';
import type { AppContext } from './app';
import { expressJson, expressText, isRecord, parseJsonBody, remoteAddressOf, splitTarget } from './http';
import { epochMsOf } from './log-formats';
import type { Doc } from './mongo-wire';
import { DEMO_DATA } from './smilr-demo-data';
import { DRIVER_VERSION, NODE_VERSION, OS_RELEASE, type MongoConnection, type MongoFailure } from './smilr-mongo-client';

export const DB_NAME = 'smilrDb';
/** SIMPLIFIED: a representative package.json version for the 2018 image. */
export const APP_VERSION = '1.2.0';
const TRUSTED_IPS = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface DataApi {
  readonly ctx: AppContext;
  readonly mongo: MongoConnection;
}

/** utils.sendData: documents are returned with `_id` renamed to `id`. Pure. */
export function unMongo(value: unknown): unknown {
  const one = (d: unknown): unknown => {
    if (!isRecord(d)) return d;
    const { _id, ...rest } = d;
    return { ...rest, id: _id };
  };
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** What utils.sendError receives: a message string, a driver error, or an error carrying an HTTP code. */
type ApiError = string | MongoFailure | { readonly name?: string; readonly code?: number; readonly message: string };

function sendError(api: DataApi, err: ApiError, code: number): HttpResponse {
  api.ctx.log(`### Error with events API ${JSON.stringify(err)}`);
  const status = typeof err === 'object' && 'code' in err && err.code !== undefined && err.code > 1 ? err.code : code;
  return typeof err === 'string' ? expressText(status, err) : expressJson(status, err);
}

function makeId(ctx: AppContext, len: number): string {
  let id = '';
  for (let i = 0; i < len; i++) id += ID_CHARS[Math.floor(ctx.random() * ID_CHARS.length)];
  return id;
}

function query(api: DataApi, coll: string, filter: unknown): Doc[] | MongoFailure {
  const res = api.mongo.command(DB_NAME, coll, 'find', { filter });
  if (!res.ok) return res.error;
  return Array.isArray(res.value.documents) ? (res.value.documents as Doc[]) : [];
}

function info(api: DataApi): HttpResponse {
  const { ctx, mongo } = api;
  const status = mongo.state === 'connected' ? mongo.command('admin', '$cmd', 'serverStatus') : undefined;
  const connected = status?.ok === true;
  // SIMPLIFIED: the real route awaits serverStatus, which fails while Mongo is away; here it reports the state.
  return expressJson(200, {
    hostname: ctx.podName, container: true, osType: 'Linux', osRelease: OS_RELEASE, cpuArch: 'x64',
    cpuModel: 'Intel(R) Xeon(R) CPU E5-2673 v4 @ 2.30GHz', cpuCount: 2, memory: 7958, nodeVer: NODE_VERSION,
    appVersion: APP_VERSION, appBuildInfo: ctx.env.BUILD_INFO || 'No build info', appReleaseInfo: ctx.env.RELEASE_INFO || 'No release info',
    mongoDb: {
      connected, host: mongo.target.host, port: mongo.target.port, driverVer: DRIVER_VERSION,
      ...(status?.ok === true ? { serverVersion: status.value.version } : {}),
    },
  });
}

function bulk(api: DataApi, req: HttpRequest): HttpResponse {
  const remote = remoteAddressOf(req);
  const shown = remote === undefined ? '::ffff:127.0.0.1' : remote.includes(':') ? remote : `::ffff:${remote}`;
  api.ctx.log(`### Bulk load request from ${shown}`);
  // SIMPLIFIED: when the network does not report the caller, the request is taken to come from inside the pod.
  if (remote !== undefined && !TRUSTED_IPS.includes(remote)) {
    return sendError(api, { code: 401, message: `Not authorized, only ${TRUSTED_IPS.join(',')} allowed` }, 500);
  }
  const body = parseJsonBody(req.body);
  // SIMPLIFIED: an empty body loads the built-in demo data set (the real route expects it in the body).
  const data = body.ok && isRecord(body.value) ? body.value : body.ok && body.value === undefined ? DEMO_DATA : undefined;
  const events = Array.isArray(data?.events) ? data.events.filter(isRecord) : undefined;
  const feedback = Array.isArray(data?.feedback) ? data.feedback.filter(isRecord) : undefined;
  if (!events || !feedback) return sendError(api, { name: 'TypeError', message: 'eventData is not iterable' }, 500);
  for (const event of events) {
    const res = api.mongo.command(DB_NAME, 'events', 'update', { filter: { _id: event._id, type: event.type }, set: event, upsert: true });
    if (!res.ok) return sendError(api, res.error, 500);
    api.ctx.log('### Created event [object Object]');
  }
  for (const fb of feedback) {
    const doc = { ...fb, _id: makeId(api.ctx, 12) };
    const res = api.mongo.command(DB_NAME, 'feedback', 'insert', { documents: [doc] });
    if (!res.ok) return sendError(api, res.error, 500);
    api.ctx.log(`### Created feedback ${doc._id}`);
  }
  return expressJson(200, { eventsLoaded: events.length, feedbackLoaded: feedback.length });
}

function eventsFilter(api: DataApi, time: string): HttpResponse {
  const today = formatTimestamp(epochMsOf(api.ctx)).slice(0, 10);
  const filters: Readonly<Record<string, unknown>> = {
    active: { $and: [{ start: { $lte: today } }, { end: { $gte: today } }] },
    future: { start: { $gt: today } },
    past: { end: { $lt: today } },
  };
  if (!(time in filters)) return sendError(api, 'Error. Supplied time not valid, must be one of: [active, future, past]', 400);
  const docs = query(api, 'events', filters[time]);
  return Array.isArray(docs) ? expressJson(200, unMongo(docs)) : sendError(api, docs, 500);
}

function postEvent(api: DataApi, req: HttpRequest): HttpResponse {
  const body = parseJsonBody(req.body);
  const event = body.ok && isRecord(body.value) ? { ...body.value } : {};
  if (event._id) return sendError(api, 'Should not POST events with _id in body', 400);
  if (String(event.start) > String(event.end)) return sendError(api, 'Event start date should be before end date', 400);
  const doc = { ...event, _id: makeId(api.ctx, 5) };
  const res = api.mongo.command(DB_NAME, 'events', 'insert', { documents: [doc] });
  return res.ok ? expressJson(200, unMongo(doc)) : sendError(api, res.error, 500);
}

function putEvent(api: DataApi, req: HttpRequest, id: string): HttpResponse {
  const body = parseJsonBody(req.body);
  const event: Record<string, unknown> = { ...(body.ok && isRecord(body.value) ? body.value : {}), _id: id };
  if (String(event.start) > String(event.end)) return sendError(api, 'Event start date should be before end date', 400);
  const res = api.mongo.command(DB_NAME, 'events', 'update', { filter: { _id: id }, set: event, upsert: false });
  if (!res.ok) return sendError(api, res.error, 500);
  return res.value.n === 0 ? sendError(api, `No event with id '${id}' found to modify`, 404) : expressJson(200, unMongo(event));
}

function postFeedback(api: DataApi, req: HttpRequest): HttpResponse {
  const body = parseJsonBody(req.body);
  const fb = body.ok && isRecord(body.value) ? body.value : {};
  if (!fb.rating || !fb.topic || !fb.event) {
    return sendError(api, { code: 400, message: "Invalid feedback object, must contain properties: 'rating', 'topic' & 'event'" }, 500);
  }
  const events = query(api, 'events', { _id: fb.event });
  if (!Array.isArray(events)) return sendError(api, events, 500);
  if (events.length === 0) return sendError(api, { code: 404, message: 'Event does not exist' }, 500);
  const topics = Array.isArray(events[0].topics) ? events[0].topics.filter(isRecord) : [];
  if (!topics.some((t) => String(t.id) === String(fb.topic))) return sendError(api, { code: 400, message: 'Topic does not exist in event' }, 500);
  const doc = { ...fb, _id: makeId(api.ctx, 12) };
  const res = api.mongo.command(DB_NAME, 'feedback', 'insert', { documents: [doc] });
  return res.ok ? expressJson(200, unMongo(doc)) : sendError(api, res.error, 500);
}

/** Routes one request to the data API (the app is only listening once MongoDB is connected). */
export function routeDataApi(api: DataApi, req: HttpRequest): HttpResponse {
  const parts = splitTarget(req.path).pathname.split('/').filter((p) => p !== '');
  const route = `${req.method.toUpperCase()} /${parts.join('/')}`;
  const [, resource, a, b] = parts;
  if (parts[0] === 'api' && resource === 'info' && parts.length === 2 && req.method === 'GET') return info(api);
  if (route === 'POST /api/bulk') return bulk(api, req);
  if (parts[0] === 'api' && resource === 'events') {
    if (req.method === 'GET' && a === 'filter' && b !== undefined && parts.length === 4) return eventsFilter(api, b);
    if (req.method === 'GET' && a === undefined) {
      const docs = query(api, 'events', {});
      return Array.isArray(docs) ? expressJson(200, unMongo(docs)) : sendError(api, docs, 500);
    }
    if (req.method === 'GET' && parts.length === 3) {
      const docs = query(api, 'events', { _id: a });
      if (!Array.isArray(docs)) return sendError(api, docs, 500);
      return docs.length === 0 ? sendError(api, `Event with id '${a}' not found`, 404) : expressJson(200, unMongo(docs[0]));
    }
    if (req.method === 'POST' && a === undefined) return postEvent(api, req);
    if (req.method === 'PUT' && parts.length === 3) return putEvent(api, req, a);
    if (req.method === 'DELETE' && parts.length === 3) {
      const res = api.mongo.command(DB_NAME, 'events', 'delete', { filter: { _id: a } });
      if (!res.ok) return sendError(api, res.error, 500);
      return res.value.n === 0 ? sendError(api, `No event with id '${a}' found to delete`, 404) : expressJson(200, { message: `Deleted event '${a}' ok` });
    }
  }
  if (parts[0] === 'api' && resource === 'feedback') {
    if (req.method === 'GET' && parts.length === 4) {
      const docs = query(api, 'feedback', { $and: [{ event: a }, { topic: Number.parseInt(b, 10) }] });
      return Array.isArray(docs) ? expressJson(200, unMongo(docs)) : sendError(api, docs, 500);
    }
    if (req.method === 'POST' && parts.length === 2) return postFeedback(api, req);
  }
  if (route === 'GET /api-docs') return expressText(200, '<!DOCTYPE html><html><head><title>Swagger UI</title></head><body><div id="swagger-ui"></div></body></html>');
  // The app's catch-all: `res.sendStatus(400)`.
  return expressText(400, 'Bad Request', 'text/plain; charset=utf-8');
}
