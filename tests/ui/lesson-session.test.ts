import { describe, expect, it } from 'vitest';
import { LabSession } from '../../src/features/lessons/lab-session.svelte';
import { BUILT_IN_LABS } from '../../src/labs/catalogue';
import { FakeLabClient, labText, result, settle } from './lesson-fake-client';

const DEMO = { id: 'demo', text: labText('Demo', [{ id: 'one', command: 'kubectl get pods' }, { id: 'two', command: 'kubectl get nodes' }]) };

function setup(options: Partial<ConstructorParameters<typeof LabSession>[1]> = {}) {
  const client = new FakeLabClient();
  let changes = 0;
  let startedOver = 0;
  const session = new LabSession(client, {
    builtIn: [DEMO], changed: () => changes++, startOver: () => startedOver++, now: () => 0, pageUrl: 'https://school.example/kubesim/', ...options,
  });
  return { client, session, changes: () => changes, startedOver: () => startedOver };
}

const file = (name: string, text: string) => ({ name, size: text.length, text: async () => text });

describe('the labs of the page', () => {
  it('lists the built-in labs, all of which parse', async () => {
    const { session } = setup({ builtIn: BUILT_IN_LABS });
    await session.loadCatalogue();
    expect(session.labs.map((l) => `${l.module} ${l.title} ${l.estimatedMinutes}`)).toHaveLength(7);
    expect(session.labs[3]).toMatchObject({ id: 'module-4-services', title: 'Services and networking', estimatedMinutes: 35 });
    expect(session.catalogue?.errors).toEqual({});
  });

  it('starts a lab on a fresh cluster at once: the cluster rebuilt as step 1 starts, then checked', async () => {
    const { client, session } = setup();
    await session.loadCatalogue();
    session.choose('demo');
    expect(session.busy).toBe('Setting up the cluster for "Demo"…');
    await settle();
    expect(session.busy).toBeUndefined();
    expect(client.rebuilds.map((r) => r.note)).toEqual(['lab "Demo": the cluster is set up as step 1 starts']);
    expect(session.lab?.id).toBe('demo');
    expect(session.runner?.view).toMatchObject({ stepId: 'one', status: 'checking' });
    expect(session.runner?.stepStartSeq).toBe(client.commands.nextSeq);
    await client.checks[0].answer(result(false));
    expect(session.savedLab()).toMatchObject({ id: 'demo', stepStartSeq: client.commands.nextSeq, lesson: { status: 'active' } });
    expect(session.savedLab()?.source).toBeUndefined();
  });

  it('asks before replacing work in progress, and does nothing when cancelled', async () => {
    const { client, session } = setup();
    await session.loadCatalogue();
    client.type('kubectl create deployment web --image=nginx', 'deployment.apps/web created\n');
    session.choose('demo');
    expect(session.confirming).toEqual({ kind: 'switch', labId: 'demo', title: 'Demo' });
    session.cancel();
    expect(client.rebuilds).toHaveLength(0);
    session.choose('demo');
    await session.confirm();
    expect(client.rebuilds).toHaveLength(1);
    // Back to free play: asked again (a lab is under way), the cluster stays.
    session.choose(undefined);
    expect(session.confirming).toMatchObject({ kind: 'switch', labId: undefined, title: 'free play' });
    await session.confirm();
    expect(session.lab).toBeUndefined();
    expect(client.rebuilds).toHaveLength(1);
  });

  it('resets the step and starts over only when confirmed', async () => {
    const { client, session, startedOver } = setup();
    await session.loadCatalogue();
    session.choose('demo');
    await settle();
    session.askReset();
    expect(session.confirming).toEqual({ kind: 'reset' });
    await session.confirm();
    expect(client.rebuilds.map((r) => r.note)).toEqual(['lab "Demo": the cluster is set up as step 1 starts', 'reset to the start of step 1 (Do one)']);
    session.askStartOver();
    session.cancel();
    expect(startedOver()).toBe(0);
    session.askStartOver();
    await session.confirm();
    expect(startedOver()).toBe(1);
  });

  it('says so when the cluster cannot be rebuilt, and keeps free play', async () => {
    const { client, session } = setup();
    await session.loadCatalogue();
    client.rebuildOk = false;
    session.choose('demo');
    await settle();
    expect(session.problem).toBe('The cluster could not be rebuilt (it is not running).');
    expect(session.lab).toBeUndefined();
  });

  it("loads a lab file the student picks, showing a broken one's errors as they are", async () => {
    const { client, session } = setup();
    await session.loadCatalogue();
    await session.loadFile(file('broken.md', '---\ntitle: Broken\n---\n## <b>no id</b>\n'));
    expect(session.loadErrors?.name).toBe('broken.md');
    expect(session.loadErrors?.errors.join('\n')).toContain('"## <b>no id</b>"');
    expect(session.labs.map((l) => l.id)).toEqual(['demo']);
    await session.loadFile(file('My Own Lab.md', labText('Mine', [{ id: 'a', command: 'ls' }])));
    await settle();
    expect(session.loadErrors).toBeUndefined();
    expect(session.lab?.id).toBe('my-own-lab');
    expect(session.savedLab()?.source?.id).toBe('my-own-lab');
    expect(client.rebuilds).toHaveLength(1);
    // A file named like a built-in lab does not replace it.
    await session.loadFile(file('demo.md', labText('Another demo', [{ id: 'b', command: 'ls' }])));
    expect(session.labs.map((l) => l.id).sort()).toEqual(['demo', 'demo-2', 'my-own-lab']);
  });

  it('loads a lab named in the address from this site only', async () => {
    const asked: string[] = [];
    const fetcher = (async (url: URL) => {
      asked.push(url.href);
      return new Response(labText('Linked', [{ id: 'a', command: 'ls' }]));
    }) as unknown as typeof fetch;
    const { session } = setup({ search: '?lab=labs/linked.md', fetcher });
    await session.loadCatalogue();
    await settle();
    expect(asked).toEqual(['https://school.example/kubesim/labs/linked.md']);
    expect(session.lab?.id).toBe('linked');

    const elsewhere = setup({ search: '?lab=https://evil.example/lab.md', fetcher });
    await elsewhere.session.loadCatalogue();
    expect(elsewhere.session.problem).toBe('labs load only from this site (https://school.example), not from https://evil.example');
    expect(asked).toHaveLength(1);
  });

  it('resumes the saved lab once the cluster came back, with its own text when it was loaded from a file', async () => {
    const first = setup();
    await first.session.loadFile(file('mine.md', labText('Mine', [{ id: 'a', command: 'ls' }, { id: 'b', command: 'pwd' }])));
    await settle();
    first.client.type('ls', 'x\n');
    first.session.runner!.commandsChanged();
    await first.client.checks.at(-1)!.answer(result(true));
    first.session.runner!.next();
    const saved = JSON.parse(JSON.stringify(first.session.savedLab()));

    const again = setup({ saved });
    again.client.resumed = true;
    await again.session.loadCatalogue();
    expect(again.session.lab?.id).toBe('mine');
    expect(again.session.runner?.view).toMatchObject({ stepId: 'b', outcomes: { a: 'passed' } });
    expect(again.client.rebuilds).toHaveLength(0);

    // The cluster did not come back: the lesson does not pretend it did.
    const lost = setup({ saved });
    await lost.session.loadCatalogue();
    expect(lost.session.lab).toBeUndefined();
  });

  it('notes engine features a lab needs and the engine lacks', async () => {
    const needy = { id: 'needy', text: DEMO.text.replace('{#two}', '{#two requires=statefulset,pvc-provisioning}') };
    const { client, session } = setup({ builtIn: [needy] });
    client.present = ['statefulset'];
    await session.loadCatalogue();
    session.choose('needy');
    await settle();
    expect(session.missing).toEqual(['pvc-provisioning']);
  });
});
