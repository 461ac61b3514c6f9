// The shapes around a LabSession: what it asks the student to confirm, what it needs of the SimClient, and the
// options the page gives it.
import type { LabSource } from '../../../sim/labs/lab-set';
import type { SimClient } from '../../lib/sim-client.svelte';
import type { SavedLab } from '../../lib/persistence';

/** What the student is asked to confirm before the page replaces their cluster. */
export type Confirmation =
  | { readonly kind: 'switch'; readonly labId: string | undefined; readonly title: string; readonly stepId?: string }
  | { readonly kind: 'reset' }
  | { readonly kind: 'start-over' };

export type LabSessionClient = Pick<SimClient, 'phase' | 'labCatalogue' | 'labCheck' | 'stepStart' | 'rebuild' | 'init' | 'commands' |
  'view' | 'liveTime' | 'filesVersion' | 'resumed' | 'labCapabilities'>;

export interface LabSessionOptions {
  readonly builtIn: readonly LabSource[];
  /** The lab saved with the session the client resumed, if any. */
  readonly saved?: SavedLab;
  /** The page's query string (`?lab=…` starts a lab, built in or from this site; `&step=…` at that step). */
  readonly search?: string;
  /** The page's address, for resolving `?lab=`. */
  readonly pageUrl?: string;
  /** Progress changed: save the session. */
  readonly changed?: () => void;
  /** Forgets the saved session and loads the page afresh ("start over"). */
  readonly startOver?: () => void;
  readonly now?: () => number;
  readonly fetcher?: typeof fetch;
}
