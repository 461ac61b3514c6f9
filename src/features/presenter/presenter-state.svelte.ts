// The presenter's state and actions: projection mode (large type, the projector theme, thicker lines, slow motion,
// the projection panes), the cheat sheet of keys, and what each key does to the clock and the lab. Projection mode
// is marked on <html> with `data-projection`, which app.css reads.
import { createContext } from 'svelte';
import { SPEEDS, type Speed } from '../../lib/sim-client.svelte';
import type { SimClient } from '../../lib/sim-client.svelte';
import type { LayoutState } from '../layout/layout-state.svelte';
import type { ThemeState } from '../layout/theme-state.svelte';
import type { LabSession } from '../lessons/lab-session.svelte';
import { pageScale, projectionScale } from './page-scale.svelte';
import type { PresenterAction } from './shortcuts';

/** The clock's speed when projection mode starts: slow motion, so a room can follow each change. */
export const PROJECTION_SPEED: Speed = 0.5;

/** The speed one notch faster (`by` 1) or slower (-1) than `speed`, within SPEEDS. Pure. */
export function nextSpeed(speed: number, by: 1 | -1): Speed {
  const at = SPEEDS.findIndex((s) => s >= speed);
  const index = at < 0 ? SPEEDS.length - 1 : at;
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, index + by))];
}

export interface PresenterParts {
  readonly client: Pick<SimClient, 'phase' | 'speed' | 'setSpeed' | 'play' | 'pause' | 'step'>;
  readonly layout: Pick<LayoutState, 'present'>;
  readonly theme: Pick<ThemeState, 'present' | 'cycle' | 'choice'>;
  readonly labs: Pick<LabSession, 'runner' | 'busy' | 'skipToNext' | 'resetStep'>;
  /** The element that carries `data-projection` (<html> in the page). */
  readonly root?: HTMLElement;
}

export class PresenterState {
  projecting = $state(false);
  cheatSheet = $state(false);
  /** What the last key did, in words (shown briefly and read out). */
  said = $state('');

  /** The speed before projection mode slowed the clock. */
  private speedBefore: Speed | undefined;

  constructor(private readonly parts: PresenterParts) {}

  /** Projection mode on or off; the speed, theme and panes from before come back when it ends. */
  setProjecting(on: boolean): void {
    if (on === this.projecting) return;
    const { client, layout, theme, root } = this.parts;
    this.projecting = on;
    layout.present(on);
    theme.present(on);
    if (on) {
      this.speedBefore = client.speed;
      client.setSpeed(PROJECTION_SPEED);
    } else if (this.speedBefore !== undefined) {
      client.setSpeed(this.speedBefore);
      this.speedBefore = undefined;
    }
    this.rescale();
    if (root) {
      if (on) root.dataset.projection = '';
      else delete root.dataset.projection;
    }
    if (typeof window !== 'undefined') {
      if (on) window.addEventListener('resize', this.onResize);
      else window.removeEventListener('resize', this.onResize);
    }
  }

  private readonly onResize = (): void => this.rescale();

  /** The page's scale for projection mode at this window's width (1 when not projecting). */
  private rescale(): void {
    const scale = this.projecting ? projectionScale(typeof window === 'undefined' ? 1920 : window.innerWidth) : 1;
    pageScale.value = scale;
    if (this.parts.root) {
      if (this.projecting) this.parts.root.style.setProperty('--ui-scale', String(scale));
      else this.parts.root.style.removeProperty('--ui-scale');
    }
  }

  /** Does what a presenter key asks; returns what happened in words. */
  run(action: PresenterAction): string {
    this.said = this.perform(action);
    return this.said;
  }

  private perform(action: PresenterAction): string {
    const { client, theme, labs } = this.parts;
    const ready = client.phase === 'running' || client.phase === 'paused';
    switch (action) {
      case 'toggle-play':
        if (!ready) return 'the cluster is not running';
        if (client.phase === 'running') client.pause();
        else client.play();
        return client.phase === 'running' ? 'playing' : 'paused';
      case 'step':
        if (!ready) return 'the cluster is not running';
        void client.step();
        return 'paused · one step';
      case 'faster':
      case 'slower':
        client.setSpeed(nextSpeed(client.speed, action === 'faster' ? 1 : -1));
        return `speed ${client.speed}×`;
      case 'next-step':
        if (!labs.runner) return 'no lab is open';
        if (labs.busy) return labs.busy;
        void labs.skipToNext();
        return 'next lab step';
      case 'reset-step':
        if (!labs.runner) return 'no lab is open';
        if (labs.busy) return labs.busy;
        void labs.resetStep();
        return 'resetting the cluster to the start of this step';
      case 'projection':
        this.setProjecting(!this.projecting);
        return this.projecting ? 'projection mode on · press ? for the keys' : 'projection mode off';
      case 'theme':
        theme.cycle();
        return `theme: ${theme.choice}`;
      case 'cheat-sheet':
        this.cheatSheet = !this.cheatSheet;
        return this.cheatSheet ? 'keys shown' : 'keys hidden';
    }
  }
}

/** The page's one PresenterState, shared through typed context. */
export const [getPresenter, setPresenter] = createContext<PresenterState>();
