// The page's test hooks (`window.kubesim`, installed by `?hooks=1`, see src/features/topology/test-hooks.ts) as the
// e2e tests call them.
import type { Page } from 'playwright-core';

/** The hooks the tests use, loosely typed: what they return is checked by the tests themselves. */
export interface KubesimHooks {
  dispatch(line: string): Promise<unknown>;
  send(command: unknown): Promise<unknown>;
  setSpeed(speed: number): void;
  /** Virtual ms of the view shown. */
  time(): number;
}

/** Runs `fn` in the page with the hooks; it goes over as source text, so it can use only them and the page's globals. */
export const hooks = <T>(page: Page, fn: (k: KubesimHooks) => T) =>
  page.evaluate(`(${fn.toString()})(window.kubesim)`) as Promise<Awaited<T>>;
