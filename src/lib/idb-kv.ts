// A small key-value store on the browser's IndexedDB: one database, one object store, values as structured clones.
// Every call settles (never throws): a browser without IndexedDB, or one that refuses it (private mode, storage
// full), answers `undefined` for reads and `false` for writes, and the page carries on without saving.

/** The page's IndexedDB database and its one object store. */
export const DB_NAME = 'kubesim';
export const STORE_NAME = 'kv';

/** An asynchronous key-value store: IndexedDB in the page, a Map in tests. */
export interface AsyncStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** True once the value is durably written. */
  set(key: string, value: unknown): Promise<boolean>;
  delete(key: string): Promise<boolean>;
  /** Every key that starts with `prefix`, in key order. */
  keys(prefix?: string): Promise<string[]>;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** The browser's IndexedDB as an AsyncStore; the database is opened on first use. */
export function indexedDbStore(factory: IDBFactory | undefined = globalThis.indexedDB): AsyncStore {
  let opening: Promise<IDBDatabase | undefined> | undefined;
  const db = (): Promise<IDBDatabase | undefined> => {
    opening ??= new Promise<IDBDatabase | undefined>((resolve) => {
      if (!factory) return resolve(undefined);
      try {
        const open = factory.open(DB_NAME, 1);
        open.onupgradeneeded = () => {
          if (!open.result.objectStoreNames.contains(STORE_NAME)) open.result.createObjectStore(STORE_NAME);
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => resolve(undefined);
        open.onblocked = () => resolve(undefined);
      } catch {
        resolve(undefined);
      }
    });
    return opening;
  };
  const write = async (change: (store: IDBObjectStore) => void): Promise<boolean> => {
    try {
      const d = await db();
      if (!d) return false;
      const tx = d.transaction(STORE_NAME, 'readwrite');
      change(tx.objectStore(STORE_NAME));
      await done(tx);
      return true;
    } catch {
      return false;
    }
  };
  return {
    async get<T>(key: string): Promise<T | undefined> {
      try {
        const d = await db();
        if (!d) return undefined;
        return (await request(d.transaction(STORE_NAME, 'readonly').objectStore(STORE_NAME).get(key))) as T | undefined;
      } catch {
        return undefined;
      }
    },
    set: (key, value) => write((store) => store.put(value, key)),
    delete: (key) => write((store) => store.delete(key)),
    async keys(prefix = ''): Promise<string[]> {
      try {
        const d = await db();
        if (!d) return [];
        const all = await request(d.transaction(STORE_NAME, 'readonly').objectStore(STORE_NAME).getAllKeys());
        return all.filter((k): k is string => typeof k === 'string' && k.startsWith(prefix)).sort();
      } catch {
        return [];
      }
    },
  };
}

/** An in-memory AsyncStore (tests, and pages where IndexedDB is missing). Values are cloned as IndexedDB does. */
export function memoryStore(): AsyncStore {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => (map.has(key) ? (structuredClone(map.get(key)) as T) : undefined),
    set: async (key, value) => {
      map.set(key, structuredClone(value));
      return true;
    },
    delete: async (key) => map.delete(key) || true,
    keys: async (prefix = '') => [...map.keys()].filter((k) => k.startsWith(prefix)).sort(),
  };
}
