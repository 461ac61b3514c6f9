// The editor session against the real engine (the worker API called directly, frames pumped by hand): files
// written by the terminal appear, typos are found at their line, Apply and kubectl edit reach the cluster.
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerApi } from '../../sim/worker/api';
import type { AsyncSimApi, SimConnection } from '../../src/lib/sim-connection';
import { SimClient } from '../../src/lib/sim-client.svelte';
import { commandView } from '../../src/lib/command-log';
import { objectsOf } from '../../src/lib/cluster-view';
import { EditorSession, type EditorHost } from '../../src/features/editor/editor-session.svelte';
import { KubectlEditFlow } from '../../src/features/editor/kubectl-edit-flow.svelte';
import type { Diagnostic } from '../../sim/kubectl/diagnostics';
import { HOME } from '../../src/features/editor/paths';
import { ManualFrames } from './fake-worker';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function inProcess(): SimConnection {
  const api = createWorkerApi();
  const wrapped = Object.fromEntries(Object.entries(api).map(([name, fn]) => [name, async (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(...args)]));
  return { api: wrapped as unknown as AsyncSimApi, onFailure() {}, close() {} };
}

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: mongodb-svc
spec:
  selector:
    app: mongodb
  ports:
    - port: 27017
      tagetPort: 27017
`;

let client: SimClient | undefined;
let session: EditorSession | undefined;
afterEach(() => {
  session?.dispose();
  client?.dispose();
});

async function boot() {
  const frames = new ManualFrames();
  client = new SimClient({ init: { seed: 11, editor: 'page' }, frames, connect: inProcess });
  client.start();
  await settle();
  let doc = '';
  let diagnostics: readonly Diagnostic[] = [];
  const host: EditorHost = {
    text: () => doc,
    show: (_path, text) => { doc = text; },
    replace: (text) => { doc = text; session!.onEdit(text); },
    setDiagnostics: (d) => { diagnostics = d; },
    focus: () => {},
  };
  session = new EditorSession(client, host);
  const edits = new KubectlEditFlow(client, session);
  let wallMs = 0;
  /** Runs the page's clock for `frameCount` frames of 16 wall ms. */
  const run = async (frameCount: number) => {
    for (let i = 0; i < frameCount; i++) {
      frames.fire((wallMs += 16));
      await settle();
    }
  };
  const type = (text: string) => { doc = text; session!.onEdit(text); };
  const output = () => client!.commands.entries.map((e) => { const v = commandView(client!.commands, e); return v.stdout + v.stderr; }).join('');
  return { client, session, edits, run, type, output, diagnostics: () => diagnostics, text: () => doc };
}

describe('the editor against the engine', () => {
  it('follows terminal files, finds a typo at its line, applies the fixed file and edits a Deployment', async () => {
    const { client, session, edits, run, type, output, diagnostics, text } = await boot();
    await client.dispatch(`cat <<EOF > mongo.svc.yaml\n${SERVICE}EOF`);
    await run(2);
    await session.refresh();
    expect(session.files.map((f) => f.path)).toEqual([`${HOME}/mongo.svc.yaml`]);

    await session.request({ path: `${HOME}/mongo.svc.yaml` });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(diagnostics().map((d) => [d.line, d.message])).toEqual([[10, 'unknown field "spec.ports[0].tagetPort"']]);

    type(SERVICE.replace('tagetPort', 'targetPort'));
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(diagnostics()).toEqual([]);
    await session.apply();
    expect(output()).toContain('service/mongodb-svc created');

    await client.dispatch('kubectl create deployment web --image=nginx:1.27');
    await client.dispatch('kubectl edit deployment/web');
    await run(3);
    expect(session.doc?.edit).toBeUndefined();
    edits.takeEditRequest();
    await settle();
    await settle();
    expect(session.doc?.edit?.title).toBe('kubectl edit deployment/web');
    expect(text()).toMatch(/^# Please edit the object below/);
    type(text().replace('replicas: 1', 'replicas: 3'));
    expect(await edits.saveAndClose()).toBe(true);
    await run(3);
    expect(output()).toContain('deployment.apps/web edited');
    const web = [...objectsOf(client.view, 'Deployment').values()].find((d) => d.metadata.name === 'web') as { spec: { replicas: number } } | undefined;
    expect(web?.spec.replicas).toBe(3);
    expect(session.doc?.path).toBe(`${HOME}/mongo.svc.yaml`);
  });
});
