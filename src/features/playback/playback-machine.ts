// Playback and the worker connection: boot the cluster, run or pause its clock, and recover from a crash by
// replaying the last good run record in a fresh worker.
import { assign, fromPromise, setup, type SnapshotFrom } from 'xstate';

export type PlaybackEvent =
  | { type: 'PLAYBACK.PLAY' }
  | { type: 'PLAYBACK.PAUSE' }
  | { type: 'PLAYBACK.TOGGLE' }
  | { type: 'PLAYBACK.RESTART' }
  | { type: 'CLUSTER.CRASHED'; error: string };

export interface PlaybackContext {
  /** Why the cluster stopped, while crashed. */
  readonly error?: string;
  /** How many times the cluster was brought back. */
  readonly restarts: number;
}

/** The phase the page shows. */
export type PlaybackPhase = 'booting' | 'paused' | 'running' | 'crashed' | 'restarting';

/** A readable message for anything thrown or rejected. Pure. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : 'the simulation stopped unexpectedly';
}

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
  },
  actors: {
    // Provided by the client: start a worker and its cluster, or rebuild the last good run in a new one.
    boot: fromPromise<void>(async () => {
      throw new Error('no boot actor provided');
    }),
    restore: fromPromise<void>(async () => {
      throw new Error('no restore actor provided');
    }),
  },
  actions: {
    recordCrash: assign({
      error: ({ event }) => (event.type === 'CLUSTER.CRASHED' ? event.error : undefined),
    }),
    recordFailure: assign({
      error: ({ event }) => errorMessage((event as { error?: unknown }).error),
    }),
    recordRestart: assign({
      error: () => undefined,
      restarts: ({ context }) => context.restarts + 1,
    }),
  },
}).createMachine({
  id: 'playback',
  initial: 'booting',
  context: { error: undefined, restarts: 0 },
  states: {
    booting: {
      invoke: {
        src: 'boot',
        onDone: { target: 'ready' },
        onError: { target: 'crashed', actions: 'recordFailure' },
      },
      on: { 'CLUSTER.CRASHED': { target: 'crashed', actions: 'recordCrash' } },
    },
    ready: {
      initial: 'running',
      states: {
        paused: { on: { 'PLAYBACK.PLAY': 'running', 'PLAYBACK.TOGGLE': 'running' } },
        running: { on: { 'PLAYBACK.PAUSE': 'paused', 'PLAYBACK.TOGGLE': 'paused' } },
        // Back from a restart, the clock runs or stays paused as it did before the crash.
        previous: { type: 'history', target: 'running' },
      },
      on: { 'CLUSTER.CRASHED': { target: 'crashed', actions: 'recordCrash' } },
    },
    crashed: {
      on: { 'PLAYBACK.RESTART': 'restarting' },
    },
    restarting: {
      invoke: {
        src: 'restore',
        onDone: { target: 'ready.previous', actions: 'recordRestart' },
        onError: { target: 'crashed', actions: 'recordFailure' },
      },
      on: { 'CLUSTER.CRASHED': { target: 'crashed', actions: 'recordCrash' } },
    },
  },
});

export type PlaybackSnapshot = SnapshotFrom<typeof playbackMachine>;

/** The phase of a playback snapshot. Pure. */
export function phaseOf(snapshot: PlaybackSnapshot): PlaybackPhase {
  if (snapshot.matches({ ready: 'running' })) return 'running';
  if (snapshot.matches({ ready: 'paused' })) return 'paused';
  if (snapshot.matches('crashed')) return 'crashed';
  if (snapshot.matches('restarting')) return 'restarting';
  return 'booting';
}
