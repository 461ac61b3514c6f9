// The Smilr frontend image (github.com/benc-uk/smilr node/frontend/server.js, 2018): an Express server for the
// single-page app on PORT (3000), with the `/.config/<VARS>` endpoint through which the browser app reads
// API_ENDPOINT. The browser, not this server, calls the data API, so the server never connects anywhere.
import type { AppContext, AppImage, AppInstance } from './app';
import { expressJson, expressText, splitTarget } from './http';
import { containerArgv, processSpecOf, runsToolCommand } from './process-args';
import { runToolProcess } from './busybox';
import { isSmilr } from './smilr-data-api';

export const FRONTEND_PORT = 3000;
const CONTENT_DIR = '/home/app';

/** The single-page app's index.html (every non-config path serves it, for client-side routing). */
export const SMILR_INDEX_HTML = [
  '<!doctype html>',
  '<html lang="en">',
  '<head>',
  '  <meta charset="utf-8">',
  '  <title>Smilr</title>',
  '  <meta name="viewport" content="width=device-width, initial-scale=1">',
  '</head>',
  '<body>',
  '  <app-root>Smilr is loading... (event feedback, with a smile)</app-root>',
  '  <script src="main.bundle.js"></script>',
  '</body>',
  '</html>',
  '',
].join('\n');

function startFrontend(ctx: AppContext): AppInstance {
  const port = Number(ctx.env.PORT) || FRONTEND_PORT;
  let listening = false;
  ctx.after(300 + Math.floor(ctx.random() * 200), () => {
    ctx.log(`### Content dir = '${CONTENT_DIR}'`);
    listening = true;
    ctx.log(`### Server listening on ${port}`);
  });
  return {
    listening: (p) => listening && p === port,
    http: (_p, req) => {
      const { pathname } = splitTarget(req.path);
      const config = /^\/\.config\/([^/]+)$/.exec(pathname);
      if (req.method === 'GET' && config) {
        const data: Record<string, string | undefined> = {};
        for (const name of decodeURIComponent(config[1]).split(',')) data[name] = name === 'HOSTNAME' ? ctx.env.HOSTNAME ?? ctx.podName : ctx.env[name];
        return expressJson(200, data);
      }
      return expressText(200, SMILR_INDEX_HTML);
    },
    describe: () => ({ port, listening, apiEndpoint: ctx.env.API_ENDPOINT }),
  };
}

/** `<registry>/smilr/frontend`, `smilr/frontend`, `ghcr.io/benc-uk/smilr-frontend`, any tag. */
export const smilrFrontendImage: AppImage = {
  id: 'smilr-frontend',
  sizeBytes: 30 * 1_048_576,
  matches: isSmilr('frontend'),
  start: (ctx) => (runsToolCommand(ctx)
    ? runToolProcess(ctx, containerArgv(processSpecOf(ctx), { entrypoint: ['npm', 'start'], cmd: [] }))
    : startFrontend(ctx)),
};
