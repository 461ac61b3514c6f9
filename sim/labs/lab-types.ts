// The vocabulary of a guided lab: its steps, the checks that decide when a step is done (data, evaluated against
// the simulated cluster), the hints that explain a wrong turn, and the solution that replays a step.
import type { Kind, SimTime } from '../model/types';

/** At least/at most; a bare number means exactly that many. */
export type Count = number | { readonly min?: number; readonly max?: number };

/** What a field must hold: a value (compared as text), or a test. */
export type FieldExpectation =
  | string | number | boolean | null
  | {
      readonly exists?: boolean;
      readonly matches?: string;
      readonly not?: string | number | boolean | null;
      readonly min?: number;
      readonly max?: number;
      readonly oneOf?: readonly (string | number | boolean)[];
      readonly contains?: string | number | boolean;
    };

/** One field test of an `object` check: a path such as `spec.ports[0].port` and what it must hold. */
export interface FieldTest {
  readonly path: string;
  readonly expect: FieldExpectation;
}

/** The names of the built-in wrong-turn detectors (see detectors.ts). */
export type DetectorName =
  | 'selectorMatchesNoPods' | 'targetPortNotListening' | 'envUsesPodIP' | 'imagePullFailing'
  | 'pullSecretMissing' | 'podsCrashing' | 'podsUnschedulable';

/** Where an HTTP check's requests leave from. */
export type HttpFrom = { readonly kind: 'outside' } | { readonly kind: 'pod'; readonly selector: string; readonly namespace: string };

/** A check, after parsing: a tree of predicates over the cluster and the student's terminal. */
export type Predicate = (
  | { readonly kind: 'all'; readonly of: readonly Predicate[] }
  | { readonly kind: 'any'; readonly of: readonly Predicate[] }
  | { readonly kind: 'not'; readonly of: Predicate }
  | { readonly kind: 'object'; readonly objectKind: Kind; readonly name: string; readonly namespace: string;
      readonly fields: readonly FieldTest[]; readonly absent: boolean }
  | { readonly kind: 'endpoints'; readonly service: string; readonly namespace: string; readonly ready: Count }
  | { readonly kind: 'pods'; readonly selector: string; readonly namespace: string; readonly count: Count;
      readonly every: boolean; readonly phase?: string; readonly ready?: boolean; readonly status?: readonly string[];
      readonly image?: string; readonly name?: string; readonly nodes?: Count; readonly unschedulable?: string;
      readonly restarts?: Count }
  | { readonly kind: 'env'; readonly deployment: string; readonly namespace: string; readonly container?: string;
      readonly variable: string; readonly equals?: string; readonly matches?: string; readonly dnsName?: boolean;
      readonly rolledOut: boolean }
  | { readonly kind: 'externalIP'; readonly service: string; readonly namespace: string }
  | { readonly kind: 'http'; readonly url: string; readonly from: HttpFrom; readonly method: string;
      readonly body?: string; readonly status: number; readonly tries: number; readonly hostnames?: number;
      readonly bodyMatches?: string }
  | { readonly kind: 'file'; readonly path: string; readonly absent: boolean; readonly contains?: string;
      readonly matches?: string }
  | { readonly kind: 'history'; readonly matches: string; readonly session: boolean }
  | { readonly kind: 'output'; readonly matches: string; readonly command?: string; readonly anyCommand: boolean;
      readonly distinct?: number }
  | { readonly kind: 'logs'; readonly selector: string; readonly namespace: string; readonly container?: string;
      readonly matches: string; readonly after?: string }
  | { readonly kind: 'nodes'; readonly count: Count; readonly ready?: boolean; readonly running?: boolean }
  | { readonly kind: 'event'; readonly reason: string; readonly namespace: string; readonly object?: string;
      readonly message?: string }
  | { readonly kind: 'portForward'; readonly localPort: number; readonly target?: string }
  | { readonly kind: 'detect'; readonly detector: DetectorName; readonly service?: string; readonly deployment?: string;
      readonly variable?: string; readonly selector?: string; readonly namespace: string }
) & { readonly label?: string };

/** A hint: shown when its predicate detects a wrong turn, or after the student has spent a while on the step. */
export interface Hint {
  readonly id: string;
  readonly when?: Predicate;
  /** Seconds on the step before the hint is offered (timed hints). */
  readonly afterSeconds?: number;
  /** The explanation; a detector's own message is used when absent. */
  readonly text?: string;
}

/** One thing a solution does, in order, on the lab's virtual clock. */
export type SolutionAction =
  | { readonly kind: 'exec'; readonly line: string }
  /** `sleep N`: let N seconds of virtual time pass. */
  | { readonly kind: 'wait'; readonly ms: number }
  /** `@write FILE [PLACEHOLDER=$VAR …]`: save a file of the lab, filling placeholders from shell variables. */
  | { readonly kind: 'write'; readonly file: string; readonly substitutions: readonly (readonly [string, string])[] }
  /** `@stop-node N` / `@start-node N`: power node N (0-based, by name order) off or on, as the page's buttons do. */
  | { readonly kind: 'node'; readonly index: number; readonly on: boolean };

export interface LabFile {
  readonly name: string;
  readonly content: string;
}

/** A commands or file block, where the step's text had it (see ACTION_MARKER). */
export type StepAction =
  | { readonly kind: 'commands'; readonly lines: readonly string[] }
  | { readonly kind: 'file'; readonly name: string };

/** The line that stands in the step's text where its action number N was written: `{{kubesim-action N}}`. */
export const ACTION_MARKER = /^\{\{kubesim-action (\d+)\}\}$/;

export interface LabStep {
  readonly id: string;
  readonly title: string;
  /** The step's prose (Markdown), without the lab blocks; a commands or file block leaves an ACTION_MARKER line. */
  readonly text: string;
  /** The step's commands and file blocks in the order they are written, for the buttons in the text. */
  readonly actions: readonly StepAction[];
  /** Lines the page can type for the student. */
  readonly commands: readonly string[];
  /** Files the page can open in the editor. */
  readonly files: readonly LabFile[];
  readonly check: Predicate;
  readonly hints: readonly Hint[];
  readonly solution: readonly SolutionAction[];
  /** Engine features the step needs (`statefulset`, `pvc-provisioning`); see capabilities.ts. */
  readonly requires: readonly string[];
  /** 1-based line of the step's heading in the lab file. */
  readonly line: number;
}

/** Where a lab starts: a fresh cluster, or the cluster at the end of another lab's step. */
export type LabScenario = { readonly kind: 'fresh' } | { readonly kind: 'after'; readonly lab: string; readonly step: string };

export interface Lab {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly module: number;
  readonly seed: number | string;
  readonly scenario: LabScenario;
  readonly estimatedMinutes: number;
  /** Markdown before the first step. */
  readonly intro: string;
  readonly steps: readonly LabStep[];
}

/** One command the student ran during the step, with what it printed. */
export interface TranscriptEntry {
  readonly line: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode?: number;
}

/** The outcome of one predicate, as the page lists it. */
export interface CheckItem {
  readonly label: string;
  readonly passed: boolean;
  /** What was found instead, when it failed (or a detector's explanation when it fired). */
  readonly detail?: string;
  readonly children?: readonly CheckItem[];
}

/** A wrong turn detected in the cluster, with its explanation. */
export interface HintMatch {
  readonly id: string;
  readonly text: string;
}

/** A step's check evaluated at one moment of virtual time. */
export interface StepCheckResult {
  readonly passed: boolean;
  readonly at: SimTime;
  readonly items: readonly CheckItem[];
  readonly hints: readonly HintMatch[];
}
