// Motion that explains change (a pod appears, a pod is gone) and nothing else; with prefers-reduced-motion every
// transition takes no time, so the same states and labels appear instantly.
import { prefersReducedMotion } from 'svelte/motion';
import { cubicOut } from 'svelte/easing';
import type { TransitionConfig } from 'svelte/transition';

/** Whether the user asked for reduced motion (live). */
export function reducedMotion(): boolean {
  return prefersReducedMotion.current;
}

/** A token grows in where it was scheduled. */
export function appear(_node: Element, { durationMs = 350 }: { durationMs?: number } = {}): TransitionConfig {
  return { duration: reducedMotion() ? 0 : durationMs, easing: cubicOut, css: (t) => `opacity: ${t}; transform: scale(${0.6 + 0.4 * t});` };
}

/** A token fades away when its pod is gone. */
export function vanish(_node: Element, { durationMs = 300 }: { durationMs?: number } = {}): TransitionConfig {
  return { duration: reducedMotion() ? 0 : durationMs, css: (t) => `opacity: ${t * 0.5};` };
}
