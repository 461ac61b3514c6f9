// A page hook for end-to-end tests and the benchmark, enabled only by `?hooks=1`: runs terminal lines and commands
// through the page's own client, exactly as the terminal and the buttons do.
import type { Command, CommandResult } from '../../../sim/protocol';
import { SPEEDS, type SimClient, type Speed } from '../../lib/sim-client.svelte';

export interface PageHooks {
  dispatch(line: string): Promise<CommandResult>;
  send(command: Command): Promise<CommandResult>;
  setSpeed(speed: number): void;
  /** Virtual ms of the view shown. */
  time(): number;
}

/** Installs `window.kubesim` when the query string has `hooks=1`; returns an uninstaller. */
export function installPageHooks(client: SimClient, search: string): () => void {
  if (new URLSearchParams(search).get('hooks') !== '1') return () => {};
  const hooks: PageHooks = {
    dispatch: (line) => client.dispatch(line),
    send: (command) => client.send(command),
    setSpeed: (speed) => {
      if ((SPEEDS as readonly number[]).includes(speed)) client.setSpeed(speed as Speed);
    },
    time: () => client.view.time,
  };
  const target = window as unknown as { kubesim?: PageHooks };
  target.kubesim = hooks;
  return () => {
    if (target.kubesim === hooks) delete target.kubesim;
  };
}
