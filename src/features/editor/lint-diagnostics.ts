// Places the engine's manifest problems (1-based line and column) on the editor's text as CodeMirror lint
// diagnostics: underline from the reported column to the end of the key or value it points at.
import type { Text } from '@codemirror/state';
import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import type { Diagnostic } from '../../../sim/kubectl/diagnostics';

/** The document offsets a problem covers: its column up to the end of that key (before `:`) or of the line's text. Pure. */
export function rangeOf(doc: Text, line: number, column: number): { from: number; to: number } {
  const n = Math.min(Math.max(1, Math.trunc(line) || 1), doc.lines);
  const l = doc.line(n);
  const text = l.text;
  const end = text.trimEnd().length;
  const start = Math.min(Math.max(0, (Math.trunc(column) || 1) - 1), end);
  if (start === end) {
    // Nothing to underline after the column: cover the line's text, or mark the point on an empty line.
    const first = text.length - text.trimStart().length;
    return first < end ? { from: l.from + first, to: l.from + end } : { from: l.from + start, to: l.from + start };
  }
  const rest = text.slice(start, end);
  // A quoted scalar (key or value) as a whole, else a plain key before its `: `, else the rest of the line.
  const token = /^(["'])(?:\\.|(?!\1).)*\1/.exec(rest) ?? /^[^\s:#][^:#]*?(?=:(\s|$))/.exec(rest);
  const length = token ? token[0].length : rest.length;
  return { from: l.from + start, to: l.from + start + length };
}

/** The engine's problems as CodeMirror diagnostics on `doc` (plain-text messages). Pure. */
export function toLintDiagnostics(doc: Text, diagnostics: readonly Diagnostic[]): LintDiagnostic[] {
  return diagnostics.map((d) => ({ ...rangeOf(doc, d.line, d.column), severity: d.severity, message: d.message, source: 'kubectl' }));
}

/** "2 problems", "1 problem" or "no problems": the count the pane's header shows. Pure. */
export function problemCount(diagnostics: readonly Pick<Diagnostic, 'severity'>[]): string {
  const n = diagnostics.length;
  return n === 0 ? 'no problems' : `${n} problem${n === 1 ? '' : 's'}`;
}
