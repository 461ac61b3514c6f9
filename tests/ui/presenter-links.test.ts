import { describe, expect, it } from 'vitest';
import { LabSession } from '../../src/features/lessons/lab-session.svelte';
import { stepParam } from '../../src/features/lessons/lab-sources';
import { BUILT_IN_LABS } from '../../src/labs/catalogue';
import type { LabSource } from '../../sim/labs/lab-set';
import { FakeLabClient, labText, result, settle } from './lesson-fake-client';

const DEMO = { id: 'demo', text: labText('Demo', [{ id: 'one', command: 'ls' }, { id: 'two', command: 'pwd' }, { id: 'three', command: 'date' }]) };

function setup(search: string, builtIn: readonly LabSource[] = [DEMO]) {
  const client = new FakeLabClient();
  const session = new LabSession(client, { builtIn, now: () => 0, pageUrl: 'https://school.example/kubesim/', search });
  return { client, session };
}

describe('a link to a lab step', () => {
  it('reads the step from the address', () => {
    expect(stepParam('?lab=module-4-services&step=use-dns')).toBe('use-dns');
    expect(stepParam('?lab=x&step=')).toBeUndefined();
  });

  it('starts a built-in lab by its id at step 1', async () => {
    const { client, session } = setup('?lab=demo');
    await session.loadCatalogue();
    await settle();
    expect(session.lab?.id).toBe('demo');
    expect(client.starts).toEqual([{ labId: 'demo', stepId: 'one' }]);
    expect(session.runner?.view).toMatchObject({ index: 0, stepId: 'one' });
  });

  it('sets the cluster up as the step starts and opens the lab there, the steps before it skipped', async () => {
    const { client, session } = setup('?lab=demo&step=three');
    await session.loadCatalogue();
    await settle();
    expect(client.starts).toEqual([{ labId: 'demo', stepId: 'three' }]);
    expect(client.rebuilds.map((r) => r.note)).toEqual(['lab "Demo": the cluster is set up as step 3 starts (Do three)']);
    expect(session.runner?.view).toMatchObject({ index: 2, stepId: 'three', status: 'checking', outcomes: { one: 'skipped', two: 'skipped' } });
    await client.checks.at(-1)!.answer(result(true));
    expect(session.runner?.view.status).toBe('passed');
    // The presenter's "reset step" rebuilds it again, without asking.
    await session.resetStep();
    expect(client.starts.at(-1)).toEqual({ labId: 'demo', stepId: 'three' });
    expect(session.runner?.view).toMatchObject({ index: 2, status: 'checking' });
  });

  it('starts at step 1 and says so when the step does not exist', async () => {
    const { client, session } = setup('?lab=demo&step=nine');
    await session.loadCatalogue();
    await settle();
    expect(client.starts).toEqual([{ labId: 'demo', stepId: 'one' }]);
    expect(session.problem).toBe('The lab "Demo" has no step "nine", so it starts at step 1.');
  });

  it('opens module 4 at "use-dns"', async () => {
    const { client, session } = setup('?lab=module-4-services&step=use-dns', BUILT_IN_LABS);
    await session.loadCatalogue();
    await settle();
    expect(client.starts).toEqual([{ labId: 'module-4-services', stepId: 'use-dns' }]);
    expect(session.runner?.step?.id).toBe('use-dns');
  });

  it('moves on with the presenter key: skipping an unfinished step sets the next one up', async () => {
    const { client, session } = setup('?lab=demo');
    await session.loadCatalogue();
    await settle();
    await session.skipToNext();
    expect(client.starts.at(-1)).toEqual({ labId: 'demo', stepId: 'two' });
    expect(session.runner?.view).toMatchObject({ index: 1, outcomes: { one: 'skipped' } });
    await client.checks.at(-1)!.answer(result(true));
    const rebuilt = client.rebuilds.length;
    await session.skipToNext();
    expect(client.rebuilds).toHaveLength(rebuilt);
    expect(session.runner?.view).toMatchObject({ index: 2, outcomes: { one: 'skipped', two: 'passed' } });
  });
});
