// The worker boundary: the API the page reaches through comlink, exposed on one end of a MessageChannel, so
// every argument and answer crosses by structured clone exactly as it does between the page and its worker.
import { afterEach, describe, expect, it } from 'vitest';
import { expose, releaseProxy, wrap, type Endpoint, type Remote } from 'comlink';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createWorkerApi, type SimApi } from '../../sim/worker/api';
import type { Frame } from '../../sim/protocol';

const open: { remote: Remote<SimApi>; ports: MessagePort[] }[] = [];

function connect(): Remote<SimApi> {
  const { port1, port2 } = new MessageChannel();
  expose(createWorkerApi(), port1 as unknown as Endpoint);
  const remote = wrap<SimApi>(port2 as unknown as Endpoint);
  open.push({ remote, ports: [port1, port2] });
  return remote;
}

afterEach(() => {
  for (const { remote, ports } of open.splice(0)) {
    remote[releaseProxy]();
    for (const port of ports) port.close();
  }
});

/** True when a value is JSON-shaped: plain objects, arrays, strings, finite numbers, booleans, null. */
function isPlainData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.values(value as object).every((v) => v === undefined || isPlainData(v));
}

const nodeNames = (frame: Frame) => frame.upserts.filter((o) => o.kind === 'Node').map((o) => o.metadata.name).sort();

describe('worker boundary (comlink over a MessageChannel)', () => {
  it('runs init → dispatch → advance with plain-data frames', async () => {
    const sim = connect();
    const first = await sim.init({ seed: 1 });
    expect(first.full).toBe(true);
    expect(first.rv).toBeGreaterThan(0);
    expect(isPlainData(first)).toBe(true);
    expect(nodeNames(first)).toHaveLength(3);
    for (const name of nodeNames(first)) expect(name).toMatch(/^aks-nodepool1-\d{8}-vmss00000\d$/);

    const result = await sim.dispatch({ type: 'exec', line: 'kubectl get nodes' });
    expect(isPlainData(result)).toBe(true);
    expect(result).toMatchObject({ ok: true, done: true, exitCode: 0 });
    const stdout = result.ok ? result.stdout ?? '' : '';
    expect(stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    for (const name of nodeNames(first)) expect(stdout).toMatch(new RegExp(`^${name}\\s+Ready\\s`, 'm'));

    const next = await sim.advance(5_000, first.rv);
    expect(isPlainData(next)).toBe(true);
    expect(next.full).toBe(false);
    expect(next.time).toBe(first.time + 5_000);
    expect(next.rv).toBeGreaterThanOrEqual(first.rv);
    expect(['caught-up', 'behind']).toContain(next.status);
    // The command's output reaches the page once more through the frame, keyed by its job.
    expect(next.output.filter((o) => result.ok && o.jobId === result.jobId).map((o) => o.text).join('')).toBe(stdout);
    expect(next.exits).toContainEqual(expect.objectContaining({ jobId: result.ok ? result.jobId : -1, exitCode: 0 }));
  });

  it('answers a waiting command in later frames, and replays an exported run', async () => {
    const sim = connect();
    const first = await sim.init({ seed: 3 });
    const sleep = await sim.dispatch({ type: 'exec', line: 'sleep 2' });
    expect(sleep).toMatchObject({ ok: true, done: false });
    const early = await sim.advance(1_000, first.rv);
    expect(early.exits).toEqual([]);
    const late = await sim.advance(1_500, early.rv);
    expect(late.exits).toContainEqual(expect.objectContaining({ jobId: sleep.ok ? sleep.jobId : -1, exitCode: 0 }));

    const record = await sim.exportRun();
    expect(isPlainData(record)).toBe(true);
    expect(record.commands.map((c) => c.command)).toEqual([{ type: 'exec', line: 'sleep 2' }]);
    const again = connect();
    const restored = await again.restore(record);
    expect(restored.full).toBe(true);
    expect(nodeNames(restored)).toEqual(nodeNames(first));
  });

  it('carries a thrown error across as an Error with its message', async () => {
    const sim = connect();
    await expect(sim.advance(100, 0)).rejects.toThrow(/not initialised/);
  });
});
