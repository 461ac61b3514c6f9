// The Smilr data API image (github.com/benc-uk/smilr node/data-api, the 2018 server.js and lib/data-access.js):
// it needs MONGO_CONNSTR, tries to connect to MongoDB MONGO_RETRIES times MONGO_RETRY_DELAY seconds apart, and
// only listens on PORT once connected; after the last failed attempt it logs the error and exits with -1 (255).
import type { HttpRequest, HttpResponse } from '../net/types';
import type { AppContext, AppImage, AppInstance } from './app';
import { remoteAddressOf, headerOf, utf8Length } from './http';
import { parseImageRef } from './image-ref';
import { clfDate, epochMsOf } from './log-formats';
import { containerArgv, processSpecOf, runsToolCommand } from './process-args';
import { runToolProcess } from './busybox';
import { MongoConnection, parseMongoConnstr } from './smilr-mongo-client';
import { routeDataApi } from './smilr-data-api-routes';

export const DEFAULT_PORT = 4000;
export const DEFAULT_RETRIES = 5;
export const DEFAULT_RETRY_DELAY_S = 30;
/** Node.js start-up before server.js prints anything. */
const BOOT_MS = 500;

/** morgan's `combined` (production) or `dev` line for one request. Pure. */
export function requestLogLine(format: 'combined' | 'dev', epochMs: number, req: HttpRequest, res: HttpResponse, responseMs: number): string {
  const length = res.headers?.['Content-Length'] ?? String(utf8Length(res.body));
  if (format === 'dev') return `${req.method} ${req.path} ${res.status} ${responseMs.toFixed(3)} ms - ${length}`;
  const remote = remoteAddressOf(req);
  const addr = remote === undefined ? '-' : remote.includes(':') ? remote : `::ffff:${remote}`;
  const referrer = headerOf(req, 'referer') ?? '-';
  const agent = headerOf(req, 'user-agent') ?? '-';
  return `${addr} - - [${clfDate(epochMs)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${length} "${referrer}" "${agent}"`;
}

const numberOr = (text: string | undefined, fallback: number): number => (text ? Number(text) : fallback);

function startDataApi(ctx: AppContext): AppInstance {
  const env = ctx.env;
  const nodeEnv = env.NODE_ENV || 'production'; // the image sets ENV NODE_ENV production
  const port = Number(env.PORT) || DEFAULT_PORT;
  const retries = numberOr(env.MONGO_RETRIES, DEFAULT_RETRIES);
  const delayS = numberOr(env.MONGO_RETRY_DELAY, DEFAULT_RETRY_DELAY_S);
  const delayMs = Number.isFinite(delayS * 1000) && delayS * 1000 >= 1 ? delayS * 1000 : 1;
  const connstr = env.MONGO_CONNSTR;
  const parsed = connstr ? parseMongoConnstr(connstr) : undefined;
  const mongo = parsed?.ok ? new MongoConnection(ctx, parsed.target, (line) => ctx.log(line)) : undefined;
  let listening = false;

  const attempt = (retry: number): void => {
    ctx.log(`### Connection attempt ${retry + 1} to MongoDB server ${parsed?.ok ? parsed.target.urlHost : 'null'}`);
    const settle = (error?: string): void => {
      if (error === undefined) {
        ctx.log('### Yay! Connected to MongoDB server');
        listening = true;
        ctx.log(`### Server listening on ${port}`);
        return;
      }
      const next = retry + 1;
      if (next < retries) {
        ctx.log(`### MongoDB connection attempt failed, retrying in ${delayS} seconds`);
        ctx.after(delayMs, () => attempt(next));
        return;
      }
      ctx.log(`### ERROR! Unable to connect to MongoDB!, URL=${connstr}`);
      ctx.log(error);
      ctx.exit(255);
    };
    if (mongo) mongo.open(settle);
    else ctx.after(0, () => settle(parsed && !parsed.ok ? parsed.message : 'invalid connection string'));
  };

  ctx.after(BOOT_MS + Math.floor(ctx.random() * 300), () => {
    if (!connstr) {
      ctx.log('### !ERROR! Missing env variable MONGO_CONNSTR. Exiting!');
      ctx.exit(1);
      return;
    }
    ctx.log(`### Node environment mode is '${nodeEnv}'`);
    attempt(0);
  });

  return {
    listening: (p) => listening && p === port,
    http: (_p, req) => {
      const res = routeDataApi({ ctx, mongo: mongo as MongoConnection }, req);
      if (nodeEnv !== 'test') {
        const responseMs = 1 + Math.round(ctx.random() * 4000) / 1000;
        ctx.log(requestLogLine(nodeEnv === 'production' ? 'combined' : 'dev', epochMsOf(ctx), req, res, responseMs));
      }
      return res;
    },
    describe: () => ({ port, listening, mongo: mongo?.state ?? 'disconnected', mongoPeer: mongo?.peer, retries, retryDelaySeconds: delayS }),
  };
}

/** A matcher for the Smilr images: `smilr/<part>` or `smilr-<part>` as the last path components. Pure. */
export const isSmilr = (part: 'data-api' | 'frontend') => (image: string): boolean => {
  const parsed = parseImageRef(image);
  return parsed.ok && new RegExp(`(^|/)smilr([/-])${part}$`).test(parsed.ref.path);
};

/** `<registry>/smilr/data-api`, `smilr/data-api`, `ghcr.io/benc-uk/smilr-data-api`, any tag. */
export const smilrDataApiImage: AppImage = {
  id: 'smilr-data-api',
  sizeBytes: 35 * 1_048_576,
  matches: isSmilr('data-api'),
  start: (ctx) => (runsToolCommand(ctx)
    ? runToolProcess(ctx, containerArgv(processSpecOf(ctx), { entrypoint: ['npm', 'start'], cmd: [] }))
    : startDataApi(ctx)),
};
