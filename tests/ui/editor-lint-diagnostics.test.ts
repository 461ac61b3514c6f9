import { describe, expect, it } from 'vitest';
import { Text } from '@codemirror/state';
import { problemCount, rangeOf, toLintDiagnostics } from '../../src/features/editor/lint-diagnostics';
import { diagnoseManifest } from '../../sim/kubectl/diagnostics';
import { ObjectStore } from '../../sim/core/store';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: mongodb-svc
spec:
  selector:
    app: mongodb
  ports:
    - port: 27017
      tagetPort: 27017
`;

const doc = (text: string) => Text.of(text.split('\n'));
const covered = (d: Text, r: { from: number; to: number }) => d.sliceString(r.from, r.to);

describe('placing manifest problems on the editor text', () => {
  it('underlines the key a problem points at', () => {
    const d = doc(SERVICE);
    expect(covered(d, rangeOf(d, 10, 7))).toBe('tagetPort');
    expect(covered(d, rangeOf(d, 9, 7))).toBe('port');
    expect(covered(d, rangeOf(d, 2, 1))).toBe('kind');
  });

  it('underlines a value, or the rest of the line, when there is no key', () => {
    const d = doc('items:\n  - 80\n  - "quoted: yes"\n');
    expect(covered(d, rangeOf(d, 2, 5))).toBe('80');
    expect(covered(d, rangeOf(d, 3, 5))).toBe('"quoted: yes"');
    const keyed = doc('"odd key": 1\n');
    expect(covered(keyed, rangeOf(keyed, 1, 1))).toBe('"odd key"');
  });

  it('keeps lines and columns out of range inside the document', () => {
    const d = doc('a: 1\nb: 2');
    expect(rangeOf(d, 0, 1)).toEqual({ from: 0, to: 1 });
    expect(covered(d, rangeOf(d, 99, 1))).toBe('b');
    // A column past the end covers the line's text; an empty line gets a point.
    expect(covered(d, rangeOf(d, 1, 40))).toBe('a: 1');
    const empty = doc('a: 1\n\n');
    expect(rangeOf(empty, 2, 1)).toEqual({ from: 5, to: 5 });
  });

  it('maps what the engine reports for a typo to the typo line', () => {
    const diagnostics = diagnoseManifest(SERVICE, new ObjectStore());
    expect(diagnostics).toHaveLength(1);
    const d = doc(SERVICE);
    const [lint] = toLintDiagnostics(d, diagnostics);
    expect(d.lineAt(lint.from).number).toBe(10);
    expect(covered(d, lint)).toBe('tagetPort');
    expect(lint.severity).toBe('error');
    expect(lint.message).toContain('unknown field "spec.ports[0].tagetPort"');
  });

  it('maps a YAML syntax error to its line', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [oops\n';
    const diagnostics = diagnoseManifest(text, new ObjectStore());
    expect(diagnostics.length).toBeGreaterThan(0);
    const d = doc(text);
    const lines = toLintDiagnostics(d, diagnostics).map((l) => d.lineAt(l.from).number);
    expect(lines.every((n) => n >= 4)).toBe(true);
    expect(diagnostics[0].message).toMatch(/^yaml: /);
  });

  it('counts problems in words', () => {
    expect(problemCount([])).toBe('no problems');
    expect(problemCount([{ severity: 'error' }])).toBe('1 problem');
    expect(problemCount([{ severity: 'error' }, { severity: 'warning' }])).toBe('2 problems');
  });
});
