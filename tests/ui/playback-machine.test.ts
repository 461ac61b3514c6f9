import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { errorMessage, phaseOf, playbackMachine } from '../../src/features/playback/playback-machine';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

function actorWith(boot: () => Promise<void>, restore: () => Promise<void> = async () => {}) {
  const actor = createActor(playbackMachine.provide({
    actors: { boot: fromPromise(boot), restore: fromPromise(restore) },
  }));
  actor.start();
  return actor;
}

const phase = (actor: ReturnType<typeof actorWith>) => phaseOf(actor.getSnapshot());

describe('playback machine', () => {
  it('boots, then runs; pause and play toggle the clock', async () => {
    const boot = deferred();
    const actor = actorWith(() => boot.promise);
    expect(phase(actor)).toBe('booting');
    actor.send({ type: 'PLAYBACK.PAUSE' });
    expect(phase(actor)).toBe('booting');
    boot.resolve();
    await waitFor(actor, (s) => phaseOf(s) === 'running');
    actor.send({ type: 'PLAYBACK.PAUSE' });
    expect(phase(actor)).toBe('paused');
    actor.send({ type: 'PLAYBACK.PAUSE' });
    expect(phase(actor)).toBe('paused');
    actor.send({ type: 'PLAYBACK.PLAY' });
    expect(phase(actor)).toBe('running');
    actor.send({ type: 'PLAYBACK.TOGGLE' });
    expect(phase(actor)).toBe('paused');
  });

  it('goes to crashed with the error when booting fails, and restart tries again', async () => {
    let restores = 0;
    const actor = actorWith(async () => { throw new Error('worker script failed to load'); }, async () => { restores++; });
    await waitFor(actor, (s) => phaseOf(s) === 'crashed');
    expect(actor.getSnapshot().context.error).toBe('worker script failed to load');
    actor.send({ type: 'PLAYBACK.PLAY' });
    expect(phase(actor)).toBe('crashed');
    actor.send({ type: 'PLAYBACK.RESTART' });
    await waitFor(actor, (s) => phaseOf(s) === 'running');
    expect(restores).toBe(1);
    expect(actor.getSnapshot().context).toEqual({ error: undefined, restarts: 1 });
  });

  it('crashes from running or paused, and a restart returns to the same one', async () => {
    const actor = actorWith(async () => {});
    await waitFor(actor, (s) => phaseOf(s) === 'running');
    actor.send({ type: 'PLAYBACK.PAUSE' });
    actor.send({ type: 'CLUSTER.CRASHED', error: 'InvariantError: endpoints list a pod that is not ready' });
    expect(phase(actor)).toBe('crashed');
    expect(actor.getSnapshot().context.error).toMatch(/InvariantError/);
    actor.send({ type: 'PLAYBACK.RESTART' });
    expect(phase(actor)).toBe('restarting');
    await waitFor(actor, (s) => phaseOf(s) === 'paused');

    actor.send({ type: 'PLAYBACK.PLAY' });
    actor.send({ type: 'CLUSTER.CRASHED', error: 'boom' });
    actor.send({ type: 'PLAYBACK.RESTART' });
    await waitFor(actor, (s) => phaseOf(s) === 'running');
    expect(actor.getSnapshot().context.restarts).toBe(2);
  });

  it('stays crashed when the restore fails, and ignores RESTART outside crashed', async () => {
    const actor = actorWith(async () => {}, async () => { throw new Error('replay diverged'); });
    await waitFor(actor, (s) => phaseOf(s) === 'running');
    actor.send({ type: 'PLAYBACK.RESTART' });
    expect(phase(actor)).toBe('running');
    actor.send({ type: 'CLUSTER.CRASHED', error: 'boom' });
    actor.send({ type: 'PLAYBACK.RESTART' });
    await waitFor(actor, (s) => phaseOf(s) === 'crashed');
    expect(actor.getSnapshot().context.error).toBe('replay diverged');
  });

  it('reads messages from anything thrown', () => {
    expect(errorMessage(new TypeError('x is undefined'))).toBe('x is undefined');
    expect(errorMessage(new Error(''))).toBe('Error');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('the simulation stopped unexpectedly');
  });
});
