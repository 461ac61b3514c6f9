// Evaluates a lab step's check (a tree of predicates, kept as data) against the simulated cluster, and its hints'
// wrong-turn detectors, producing the check list the page shows. Reads only: no writes, no random draws.
import type { CheckItem, Hint, HintMatch, LabStep, Predicate, StepCheckResult } from './lab-types';
import type { CheckContext } from './check-context';
import { endpointsCheck, eventCheck, externalIPCheck, nodesCheck, objectCheck } from './predicates-cluster';
import { envCheck, logsCheck, podsCheck } from './predicates-pods';
import { fileCheck, historyCheck, outputCheck, portForwardCheck } from './predicates-terminal';
import { httpCheck } from './predicates-http';
import { detect } from './detectors';

function detectorArgs(p: Extract<Predicate, { kind: 'detect' }>): string {
  return [p.service, p.deployment, p.variable, p.selector].filter(Boolean).join(', ');
}

/** Evaluates one predicate (and its children) into a check-list item. Pure read. */
export function evaluatePredicate(p: Predicate, ctx: CheckContext): CheckItem {
  switch (p.kind) {
    case 'all': case 'any': {
      const children = p.of.map((c) => evaluatePredicate(c, ctx));
      const passed = p.kind === 'all' ? children.every((c) => c.passed) : children.some((c) => c.passed);
      return { label: p.label ?? (p.kind === 'all' ? 'all of these' : 'one of these'), passed, children };
    }
    case 'not': {
      const inner = evaluatePredicate(p.of, ctx);
      const label = p.label ?? `not: ${inner.label}`;
      return inner.passed ? { label, passed: false, detail: inner.detail ?? 'it holds' } : { label, passed: true };
    }
    case 'object': return objectCheck(p, ctx);
    case 'endpoints': return endpointsCheck(p, ctx);
    case 'externalIP': return externalIPCheck(p, ctx);
    case 'nodes': return nodesCheck(p, ctx);
    case 'event': return eventCheck(p, ctx);
    case 'pods': return podsCheck(p, ctx);
    case 'env': return envCheck(p, ctx);
    case 'logs': return logsCheck(p, ctx);
    case 'file': return fileCheck(p, ctx);
    case 'history': return historyCheck(p, ctx);
    case 'output': return outputCheck(p, ctx);
    case 'portForward': return portForwardCheck(p, ctx);
    case 'http': return httpCheck(p, ctx);
    case 'detect': {
      const found = detect(p, ctx);
      // A detector "passes" when the mistake is present; its message says what was found.
      return { label: p.label ?? `${p.detector} (${detectorArgs(p)})`, passed: found.fired, ...(found.fired ? { detail: found.message } : {}) };
    }
  }
}

/** The first explanation in an item tree: a fired detector's message. Pure. */
function detailOf(item: CheckItem): string | undefined {
  if (item.detail !== undefined && item.passed) return item.detail;
  for (const child of item.children ?? []) {
    const found = child.passed ? detailOf(child) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The hints whose wrong-turn predicate holds now, with their text (a detector's own message when none is written). */
export function detectedHints(hints: readonly Hint[], ctx: CheckContext): HintMatch[] {
  const out: HintMatch[] = [];
  for (const hint of hints) {
    if (!hint.when) continue;
    const result = evaluatePredicate(hint.when, ctx);
    if (!result.passed) continue;
    out.push({ id: hint.id, text: hint.text ?? detailOf(result) ?? result.label });
  }
  return out;
}

/** Evaluates a step's check and hints at the simulation's current time. Pure read. */
export function evaluateStep(step: LabStep, ctx: CheckContext): StepCheckResult {
  const root = evaluatePredicate(step.check, ctx);
  const items = step.check.kind === 'all' && !step.check.label ? root.children ?? [] : [root];
  const hints = root.passed ? [] : detectedHints(step.hints, ctx);
  return { passed: root.passed, at: ctx.sim.now, items, hints };
}
