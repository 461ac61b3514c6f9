// Micro-benchmark of the data plane: HTTP requests from a pod through a Service (10 endpoints on 3 nodes) to a
// simulated app, by ClusterIP and by name. Run with `npx tsx tests/bench/connect-bench.ts`.
import { netHarness, threeNodes } from '../sim/net/fixtures';

const h = netHarness({ seed: 1 });
const nodes = threeNodes(h);
h.addClusterDns(nodes[0], '10.244.0.2');
for (let i = 0; i < 10; i++) h.addPod({ name: `web-${i}`, labels: { app: 'web' }, node: nodes[i % 3], ip: `10.244.${i % 3}.${10 + i}` });
const client = h.addPod({ name: 'client', node: nodes[2], ip: '10.244.2.200' });
h.addService({ name: 'web', selector: { app: 'web' }, clusterIP: '10.0.50.5' });
h.settle(3000);

const net = h.runtime.network;
const from = { kind: 'pod' as const, podUid: client.sandbox.podUid };
const request = { method: 'GET', path: '/' };

function run(label: string, host: string, n: number): void {
  for (let i = 0; i < 50_000; i++) net.connect(from, host, 80, request);
  const start = process.hrtime.bigint();
  let ok = 0;
  for (let i = 0; i < n; i++) if (net.connect(from, host, 80, request).ok) ok++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (ok !== n) throw new Error(`${n - ok} requests failed`);
  console.log(`${label.padEnd(34)} ${Math.round(n / seconds).toLocaleString('en-US').padStart(10)} requests/s`);
}

run('ClusterIP 10.0.50.5:80 (10 endpoints)', '10.0.50.5', 1_000_000);
run('name "web" (search list, 10 endpoints)', 'web', 1_000_000);
