// The simulated MongoDB's storage and its wire protocol, used between the mongo image and its clients.
//
// WIRE PROTOCOL (internal to the simulation; real drivers speak BSON OP_MSG over TCP):
//   request:  { method: 'OP_MSG', path: '/<db>/<collection>/<op>', body: JSON }
//     ops: hello {client, peer?} · serverStatus {} · find {filter} · count {filter} · insert {documents}
//          update {filter, set, upsert} · delete {filter}      (hello and serverStatus use `/admin/$cmd/<op>`)
//   response: status 200, body JSON `{ ok: 1, … }` or `{ ok: 0, errmsg, code, codeName }`
// SIMPLIFIED: filters support equality, dotted paths, $and/$or and $eq/$ne/$gt/$gte/$lt/$lte/$in only.
import type { HttpRequest, HttpResponse } from '../net/types';
import { isRecord, parseJsonBody } from './http';

export const WIRE_METHOD = 'OP_MSG';

export type Doc = Record<string, unknown>;

function fieldOf(doc: Doc, path: string): unknown {
  let v: unknown = doc;
  for (const key of path.split('.')) v = isRecord(v) ? v[key] : undefined;
  return v;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function matchesCondition(value: unknown, cond: unknown): boolean {
  if (!isRecord(cond) || !Object.keys(cond).some((k) => k.startsWith('$'))) return same(value, cond);
  return Object.entries(cond).every(([op, arg]) => {
    const c = compare(value, arg);
    switch (op) {
      case '$eq': return same(value, arg);
      case '$ne': return !same(value, arg);
      case '$gt': return c !== undefined && c > 0;
      case '$gte': return c !== undefined && c >= 0;
      case '$lt': return c !== undefined && c < 0;
      case '$lte': return c !== undefined && c <= 0;
      case '$in': return Array.isArray(arg) && arg.some((x) => same(value, x));
      default: return false;
    }
  });
}

/** Whether a document matches a (small subset of a) MongoDB query filter. Pure. */
export function matchesFilter(doc: Doc, filter: unknown): boolean {
  if (!isRecord(filter)) return true;
  return Object.entries(filter).every(([key, cond]) => {
    if (key === '$and') return Array.isArray(cond) && cond.every((f) => matchesFilter(doc, f));
    if (key === '$or') return Array.isArray(cond) && cond.some((f) => matchesFilter(doc, f));
    return matchesCondition(fieldOf(doc, key), cond);
  });
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Databases and collections kept in a Map: the process's own, or a persistent volume's (so data outlives pods). */
export class DocumentStore {
  constructor(private readonly data: Map<string, unknown>) {}

  private docs(db: string, coll: string): Doc[] {
    const v = this.data.get(`${db}.${coll}`);
    return Array.isArray(v) ? (v as Doc[]) : [];
  }

  private save(db: string, coll: string, docs: Doc[]): void {
    this.data.set(`${db}.${coll}`, docs);
  }

  /** Whether the data directory already held data when the server started. */
  get initialised(): boolean { return this.data.has('storage.bson'); }

  markInitialised(version: string): void { if (!this.data.has('storage.bson')) this.data.set('storage.bson', { version }); }

  /** `db.collection` names, sorted. */
  namespaces(): string[] {
    return [...this.data.keys()].filter((k) => k !== 'storage.bson').sort();
  }

  find(db: string, coll: string, filter: unknown): Doc[] {
    return this.docs(db, coll).filter((d) => matchesFilter(d, filter)).map(clone);
  }

  insert(db: string, coll: string, documents: readonly Doc[]): { n: number } | { dupKey: unknown } {
    const docs = [...this.docs(db, coll)];
    for (const doc of documents) {
      if (doc._id !== undefined && docs.some((d) => same(d._id, doc._id))) return { dupKey: doc._id };
      docs.push(clone(doc));
    }
    this.save(db, coll, docs);
    return { n: documents.length };
  }

  update(db: string, coll: string, filter: unknown, set: Doc, upsert: boolean): { n: number; nModified: number; upserted?: unknown } {
    const docs = this.docs(db, coll);
    const i = docs.findIndex((d) => matchesFilter(d, filter));
    if (i === -1) {
      if (!upsert) return { n: 0, nModified: 0 };
      const doc = { ...(isRecord(filter) ? Object.fromEntries(Object.entries(filter).filter(([k]) => !k.startsWith('$'))) : {}), ...clone(set) };
      this.save(db, coll, [...docs, doc]);
      return { n: 1, nModified: 0, upserted: doc._id };
    }
    const next = [...docs];
    const updated = { ...docs[i], ...clone(set) };
    next[i] = updated;
    this.save(db, coll, next);
    return { n: 1, nModified: same(updated, docs[i]) ? 0 : 1 };
  }

  delete(db: string, coll: string, filter: unknown): { n: number } {
    const docs = this.docs(db, coll);
    const i = docs.findIndex((d) => matchesFilter(d, filter));
    if (i === -1) return { n: 0 };
    this.save(db, coll, docs.filter((_, k) => k !== i));
    return { n: 1 };
  }
}

/** A wire request for `op` on `db.coll`. Pure. */
export function wireRequest(db: string, coll: string, op: string, payload: unknown = {}): HttpRequest {
  return { method: WIRE_METHOD, path: `/${db}/${coll}/${op}`, body: JSON.stringify(payload) };
}

/** A wire reply; `{ok: 0}` replies carry MongoDB's error fields. Pure. */
export function wireReply(value: Doc): HttpResponse {
  return { status: 200, headers: { 'Content-Type': 'application/x-mongodb' }, body: JSON.stringify(value) };
}

/** Reads a wire reply: the document on `ok: 1`, else MongoDB's errmsg. Pure. */
export function parseWireReply(res: HttpResponse | undefined): { ok: true; value: Doc } | { ok: false; errmsg: string } {
  if (!res) return { ok: false, errmsg: 'no reply' };
  const parsed = parseJsonBody(res.body);
  if (!parsed.ok || !isRecord(parsed.value)) return { ok: false, errmsg: 'invalid reply' };
  if (parsed.value.ok !== 1) return { ok: false, errmsg: String(parsed.value.errmsg ?? 'command failed') };
  return { ok: true, value: parsed.value };
}

/** Serves one data command against a store (hello and serverStatus are answered by the server itself). Pure but for the store. */
export function serveDataCommand(store: DocumentStore, db: string, coll: string, op: string, body: Doc): HttpResponse {
  const filter = body.filter ?? {};
  switch (op) {
    case 'find': return wireReply({ ok: 1, documents: store.find(db, coll, filter) });
    case 'count': return wireReply({ ok: 1, n: store.find(db, coll, filter).length });
    case 'insert': {
      const docs = Array.isArray(body.documents) ? body.documents.filter(isRecord) : [];
      const res = store.insert(db, coll, docs);
      if ('dupKey' in res) {
        const errmsg = `E11000 duplicate key error collection: ${db}.${coll} index: _id_ dup key: { : ${JSON.stringify(res.dupKey)} }`;
        return wireReply({ ok: 0, errmsg, code: 11000, codeName: 'DuplicateKey' });
      }
      return wireReply({ ok: 1, n: res.n });
    }
    case 'update': return wireReply({ ok: 1, ...store.update(db, coll, filter, isRecord(body.set) ? body.set : {}, body.upsert === true) });
    case 'delete': return wireReply({ ok: 1, ...store.delete(db, coll, filter) });
    default: return wireReply({ ok: 0, errmsg: `no such command: '${op}'`, code: 59, codeName: 'CommandNotFound' });
  }
}
