// CoreDNS as the cluster's DNS add-on runs it: the Corefile banner in its log, then listening on 53 (the answers
// themselves come from sim/net's DNS model), /health on 8080, /ready on 8181 and Prometheus metrics on 9153.
import type { AppImage } from './app';
import { EMPTY_REPLY, respond } from './http';
import { parseImageRef } from './image-ref';
import { hashHex } from './log-formats';

export const DNS_PORT = 53;
export const HEALTH_PORT = 8080;
export const READY_PORT = 8181;
export const METRICS_PORT = 9153;
const DEFAULT_VERSION = '1.12.1';

function hexOf(text: string, words: number): string {
  return hashHex(text, words * 8);
}

/** The CoreDNS version an image tag names (`v1.11.1` → `1.11.1`). Pure. */
export function corednsVersionFor(image: string): string {
  const parsed = parseImageRef(image);
  const m = parsed.ok ? /^v?(\d+\.\d+\.\d+)/.exec(parsed.ref.tag) : null;
  return m ? m[1] : DEFAULT_VERSION;
}

/** coredns/coredns from registry.k8s.io or mcr.microsoft.com/oss/kubernetes/coredns. */
export const corednsImage: AppImage = {
  id: 'coredns',
  sizeBytes: 16 * 1_048_576,
  matches: (image) => {
    const parsed = parseImageRef(image);
    return parsed.ok && /(^|\/)coredns$/.test(parsed.ref.path);
  },
  start: (ctx) => {
    const version = corednsVersionFor(ctx.image);
    let ready = false;
    ctx.log('.:53');
    ctx.log(`[INFO] plugin/reload: Running configuration SHA512 = ${hexOf(`Corefile:${version}`, 16)}`);
    ctx.log(`CoreDNS-${version}`);
    ctx.log(`linux/amd64, go1.23.6, ${hexOf(version, 1).slice(0, 7)}`);
    ctx.after(400 + Math.floor(ctx.random() * 400), () => { ready = true; });
    return {
      listening: (port) => ready && [DNS_PORT, HEALTH_PORT, READY_PORT, METRICS_PORT].includes(port),
      http: (port, req) => {
        if (port === HEALTH_PORT && req.path === '/health') return respond(200, 'OK', 'text/plain; charset=utf-8');
        if (port === READY_PORT && req.path === '/ready') return respond(200, 'OK', 'text/plain; charset=utf-8');
        if (port === METRICS_PORT && req.path === '/metrics') {
          const body = [
            "# HELP coredns_build_info A metric with a constant '1' value labeled by version, revision, and goversion from which CoreDNS was built.",
            '# TYPE coredns_build_info gauge',
            `coredns_build_info{goversion="go1.23.6",revision="${hexOf(version, 1).slice(0, 7)}",version="${version}"} 1`,
            '',
          ].join('\n');
          return respond(200, body, 'text/plain; version=0.0.4; charset=utf-8');
        }
        if (port === DNS_PORT) return EMPTY_REPLY;
        return respond(404, '404 page not found\n', 'text/plain; charset=utf-8', { 'X-Content-Type-Options': 'nosniff' });
      },
      // The Corefile's `health { lameduck 5s }` keeps answering for 5 s after SIGTERM.
      terminate: () => { ctx.log('[INFO] SIGTERM: Shutting down servers then terminating'); return 5_000; },
      describe: () => ({ version, ready }),
    };
  },
};
