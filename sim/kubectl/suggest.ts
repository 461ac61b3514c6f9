// cobra's "Did you mean this?" (command.go SuggestionsFor): commands within Levenshtein distance 2 of what was
// typed, or that start with it, ignoring case, in the sorted order cobra lists commands.

/** kubectl v1.34's commands, as `kubectl help` lists them (cobra sorts them by name). */
export const KUBECTL_COMMANDS: readonly string[] = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate', 'cluster-info',
  'completion', 'config', 'cordon', 'cp', 'create', 'debug', 'delete', 'describe', 'diff', 'drain', 'edit', 'events',
  'exec', 'explain', 'expose', 'get', 'help', 'kustomize', 'label', 'logs', 'options', 'patch', 'plugin',
  'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon', 'version', 'wait',
];

/** cobra's SuggestionsMinimumDistance default. */
const MIN_DISTANCE = 2;

/** Levenshtein distance, case-insensitive as cobra's `ld(s, t, true)`. Pure. */
export function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase(), t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[t.length];
}

/** The commands cobra suggests for `typed`. Pure. */
export function suggestionsFor(typed: string, commands: readonly string[] = KUBECTL_COMMANDS): string[] {
  return commands.filter((c) => levenshtein(typed, c) <= MIN_DISTANCE || c.toLowerCase().startsWith(typed.toLowerCase()));
}

/** The text cobra appends to "unknown command": empty without suggestions. Pure. */
export function suggestionText(typed: string): string {
  const found = suggestionsFor(typed);
  return found.length === 0 ? '' : `\n\nDid you mean this?\n${found.map((c) => `\t${c}\n`).join('')}`;
}
