// What sets the lab pane going: the cluster coming up (the labs are parsed then), and what makes the current
// step worth checking again — a command that finished, a file that was saved, virtual time passing.
import { untrack } from 'svelte';
import type { SimClient } from '../../lib/sim-client.svelte';
import type { LessonRunner } from './lesson-runner.svelte';

/** What the triggers act on. */
export interface TriggerTarget {
  readonly loaded: boolean;
  readonly runner: LessonRunner | undefined;
  loadCatalogue(): Promise<void>;
}

/** Follows `client` and pokes `target`; returns the function that stops following. */
export function watchLessonTriggers(client: Pick<SimClient, 'phase' | 'commands' | 'filesVersion' | 'view' | 'liveTime'>, target: TriggerTarget): () => void {
  let lastFiles: number | undefined;
  return $effect.root(() => {
    $effect(() => {
      const phase = client.phase;
      if ((phase === 'running' || phase === 'paused') && !target.loaded) untrack(() => void target.loadCatalogue());
    });
    $effect(() => {
      void client.commands;
      untrack(() => target.runner?.commandsChanged());
    });
    $effect(() => {
      const version = client.filesVersion;
      untrack(() => {
        if (lastFiles !== undefined && version !== lastFiles) void target.runner?.check(true);
        lastFiles = version;
      });
    });
    $effect(() => {
      const time = client.liveTime;
      untrack(() => target.runner?.timeMoved(time));
    });
  });
}
