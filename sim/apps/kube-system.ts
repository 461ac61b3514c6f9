// The other kube-system images of an AKS-style cluster (kube-proxy, metrics-server, konnectivity-agent,
// cloud-node-manager, the Azure CSI drivers, pause): long-running processes with a few real-looking klog
// start-up lines and their health endpoints. Their real work (proxy rules, metrics, volumes) is modelled elsewhere.
import type { AppContext, AppImage } from './app';
import { respond } from './http';
import { parseImageRef } from './image-ref';
import { epochMsOf, klogPrefix } from './log-formats';

interface SystemProcess {
  readonly pattern: RegExp;
  /** Ports it listens on, and what a GET of a health path answers there. */
  readonly ports: readonly number[];
  readonly health: Readonly<Record<string, string>>;
  readonly lines: (ctx: AppContext, version: string) => readonly [string, string][];
}

const SYSTEM: readonly SystemProcess[] = [
  {
    pattern: /(^|\/)kube-proxy$/, ports: [10249, 10256], health: { '/healthz': 'ok', '/livez': 'ok' },
    lines: (ctx, version) => [
      ['server_linux.go:53', '"Using iptables proxy"'],
      ['server.go:256', `"Kube-proxy version" version="${version}"`],
      ['server.go:213', `"Successfully retrieved NodeIPs" NodeIPs=["${ctx.podIP}"]`],
      ['server_linux.go:132', '"Using iptables Proxier"'],
      ['config.go:199', '"Starting service config controller"'],
      ['shared_informer.go:350', '"Waiting for caches to sync" controller="service config"'],
      ['config.go:105', '"Starting endpoint slice config controller"'],
      ['shared_informer.go:357', '"Caches are synced" controller="service config"'],
      ['shared_informer.go:357', '"Caches are synced" controller="endpoint slice config"'],
    ],
  },
  {
    pattern: /(^|\/)metrics-server$/, ports: [10250], health: { '/livez': 'ok', '/readyz': 'ok' },
    lines: () => [
      ['serving.go:380', 'Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)'],
      ['handler.go:288', 'Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager'],
      ['secure_serving.go:213', 'Serving securely on [::]:10250'],
      ['tlsconfig.go:243', '"Starting DynamicServingCertificateController"'],
    ],
  },
  {
    pattern: /(^|\/)(apiserver-network-proxy\/agent|proxy-agent|konnectivity-agent)$/, ports: [8093], health: { '/healthz': 'ok', '/readyz': 'ok' },
    lines: () => [
      ['options.go:142', 'AgentCert set to "/certs/client.crt".'],
      ['main.go:72', '"Starting agent" agentID="" serverAddress="konnectivity.hcp.svc" serverPort=443'],
      ['client.go:531', '"Connect to server" serverID="9b4f3c7e-0d27-4c4d-8f6b-2f2c2a9a1c11"'],
    ],
  },
  {
    pattern: /(^|\/)azure-cloud-node-manager$/, ports: [10263], health: { '/healthz': 'ok' },
    lines: (ctx) => [
      ['nodemanager.go:112', `"Starting node manager" node="${ctx.nodeName}"`],
      ['nodemanager.go:389', `"Updated node addresses" node="${ctx.nodeName}"`],
    ],
  },
  {
    pattern: /(^|\/)(azuredisk-csi|azurefile-csi)$/, ports: [29602], health: { '/healthz': 'ok' },
    lines: (_ctx, version) => [
      ['main.go:118', 'set up prometheus server on 0.0.0.0:29605'],
      ['driver.go:84', `DRIVER INFORMATION: Build Date: "2025-01-01T00:00:00Z" Driver Version: "${version}"`],
      ['utils.go:78', 'GRPC call: /csi.v1.Identity/Probe'],
    ],
  },
  { pattern: /(^|\/)pause$/, ports: [], health: {}, lines: () => [] },
];

function processFor(image: string): SystemProcess | undefined {
  const parsed = parseImageRef(image);
  return parsed.ok ? SYSTEM.find((p) => p.pattern.test(parsed.ref.path)) : undefined;
}

/** kube-system's long-running images other than CoreDNS. */
export const kubeSystemImage: AppImage = {
  id: 'kube-system',
  sizeBytes: 30 * 1_048_576,
  matches: (image) => processFor(image) !== undefined,
  start: (ctx) => {
    const proc = processFor(ctx.image);
    const parsed = parseImageRef(ctx.image);
    const version = parsed.ok && parsed.ref.tag !== '' ? parsed.ref.tag : 'v1.34.0';
    for (const [source, message] of proc?.lines(ctx, version) ?? []) ctx.log(`${klogPrefix(epochMsOf(ctx), source)}${message}`);
    return {
      listening: (port) => proc?.ports.includes(port) ?? false,
      http: (_port, req) => {
        const body = proc?.health[req.path.replace(/\?.*$/, '')];
        return body === undefined ? respond(404, '404 page not found\n', 'text/plain; charset=utf-8') : respond(200, body, 'text/plain; charset=utf-8');
      },
      describe: () => ({ version }),
    };
  },
};
