import { describe, expect, it } from 'vitest';
import { toGoYaml } from '../../../../sim/kubectl/printers/go-yaml';
import { goYamlKeyLess } from '../../../../sim/kubectl/printers/go-yaml-keys';
import { needsDoubleQuotes } from '../../../../sim/kubectl/printers/go-yaml-scalars';
import { toGoJson } from '../../../../sim/kubectl/printers/go-json';
import { DESCRIBE_TABS, tabwrite } from '../../../../sim/kubectl/printers/go-tabwriter';
import { goSharpV, goSprint } from '../../../../sim/kubectl/printers/go-format';
import { parseTemplate, executeTemplate } from '../../../../sim/kubectl/jsonpath';
import { parseOutputFormat } from '../../../../sim/kubectl/printers/output-format';
import { naturalLess } from '../../../../sim/kubectl/sort-by';
import { relaxedJsonPath } from '../../../../sim/kubectl/custom-columns';
import { endpointsCell } from '../../../../sim/kubectl/printers/cells';

describe('go-yaml v2 output (sigs.k8s.io/yaml)', () => {
  it.each([
    ['True', true], ['yes', true], ['on', true], ['n', true], ['~', true], ['', true], ['80', true], ['0755', true],
    ['1.5', true], ['1e3', true], ['0x1F', true], ['2026-01-01T08:48:00Z', true], ['2026-01-01', true], ['1:20', true],
    ['nginx', false], ['10.0.0.1', false], ['v1.34.1', false], ['80/TCP', false], ['-conf', false],
  ])('%j needs double quotes: %s', (s, quoted) => {
    expect(needsDoubleQuotes(s)).toBe(quoted);
  });

  it('single-quotes strings that cannot be plain and writes multi-line strings as literal blocks', () => {
    expect(toGoYaml({ a: 'x: y', b: '*', c: "it's: here", d: 'one\ntwo\n', e: 'one\ntwo', f: '- x', g: ' lead' }))
      .toBe("a: 'x: y'\nb: '*'\nc: 'it''s: here'\nd: |\n  one\n  two\ne: |-\n  one\n  two\nf: '- x'\ng: ' lead'\n");
  });

  it('does not indent sequences under their key, and writes empty collections inline', () => {
    expect(toGoYaml({ spec: { ports: [{ port: 80, name: 'http' }], empty: [], none: {} }, n: null }))
      .toBe('"n": null\nspec:\n  empty: []\n  none: {}\n  ports:\n  - name: http\n    port: 80\n');
  });

  it('folds long plain and single-quoted scalars at a space past column 80', () => {
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    expect(toGoYaml({ message: words })).toBe(
      'message: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11\n  word12 word13 word14 word15 word16 word17 word18 word19\n');
  });

  it('orders keys as go-yaml does: digit runs by value, letters after other characters', () => {
    expect(goYamlKeyLess('a9', 'a10')).toBe(true);
    expect(goYamlKeyLess('a_b', 'aBc')).toBe(true);
    expect(goYamlKeyLess('hugepages-1Gi', 'hugepages-2Mi')).toBe(true);
    expect(toGoYaml({ a10: 1, a9: 2, B: 3 })).toBe('B: 3\na9: 2\na10: 1\n');
  });
});

describe('encoding/json output', () => {
  it('sorts keys, indents four spaces and escapes HTML characters', () => {
    expect(toGoJson({ b: '<a&b>', a: [1, { z: true }], e: [] })).toBe('{\n    "a": [\n        1,\n        {\n            "z": true\n        }\n    ],\n    "b": "\\u003ca\\u0026b\\u003e",\n    "e": []\n}\n');
  });
});

describe('Go fmt verbs', () => {
  it('formats %v and %#v of unstructured values', () => {
    expect(goSprint({ b: [1, 'x'], a: true })).toBe('map[a:true b:[1 x]]');
    expect(goSharpV({ items: [], s: 'q"', n: null })).toBe('map[string]interface {}{"items":[]interface {}{}, "n":interface {}(nil), "s":"q\\""}');
  });
});

describe('Go text/tabwriter blocks', () => {
  it('aligns a column only over consecutive lines that have it', () => {
    expect(tabwrite('Name:\tweb\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/x\n', DESCRIBE_TABS))
      .toBe('Name:  web\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/x\n');
  });

  it('pads an empty cell and keeps trailing text of the last cell', () => {
    expect(tabwrite('a\t\tb\nccc\t\td \n', DESCRIBE_TABS)).toBe('a      b\nccc    d \n');
  });
});

describe('jsonpath templates', () => {
  it('parses text, quoted literals, paths and ranges', () => {
    const parsed = parseTemplate('x={range .items[*]}{.n}{"\\n"}{end}');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const run = executeTemplate('t', parsed.nodes, { items: [{ n: 1 }, { n: 'b' }] });
    expect(run).toEqual({ ok: true, text: 'x=1\nb\n' });
  });

  it('supports filters, escaped dots and wildcards', () => {
    const data = { metadata: { labels: { 'app.kubernetes.io/name': 'web' } }, c: [{ type: 'Ready', status: 'True' }, { type: 'X', status: 'False' }] };
    const t = (tmpl: string): unknown => {
      const p = parseTemplate(tmpl);
      return p.ok ? executeTemplate(tmpl, p.nodes, data) : p;
    };
    expect(t('{.metadata.labels.app\\.kubernetes\\.io/name}')).toEqual({ ok: true, text: 'web' });
    expect(t('{.c[?(@.type=="Ready")].status}')).toEqual({ ok: true, text: 'True' });
    expect(t('{.c[*].type}')).toEqual({ ok: true, text: 'Ready X' });
    expect(t('{.missing.key}')).toEqual({ ok: true, text: '' });
  });

  it('reports client-go parse errors', () => {
    expect(parseTemplate('{.items[0]')).toEqual({ ok: false, error: 'unclosed action' });
    expect(parseTemplate('{end}')).toEqual({ ok: false, error: 'not in range, nothing to end' });
    expect(parseTemplate('{items}')).toEqual({ ok: false, error: 'unrecognized identifier items' });
    expect(parseOutputFormat('jsonpath')).toEqual({ ok: false, error: 'template format specified but no template given' });
    expect(parseOutputFormat('jsonpath={.a')).toEqual({ ok: false, error: 'error parsing jsonpath {.a, unclosed action\n' });
  });
});

describe('sorting and relaxed paths', () => {
  it('compares digit runs by value (fvbommel/sortorder)', () => {
    expect(naturalLess('web-9', 'web-10')).toBe(true);
    expect(naturalLess('10.244.0.9', '10.244.0.10')).toBe(true);
    expect(naturalLess('b', 'a')).toBe(false);
  });

  it('accepts a.b, .a.b and {.a.b}', () => {
    expect(['a.b', '.a.b', '{.a.b}', '{a.b}'].map(relaxedJsonPath)).toEqual(['{.a.b}', '{.a.b}', '{.a.b}', '{.a.b}']);
    expect(relaxedJsonPath('{.a}{.b}')).toBeUndefined();
  });
});

describe('table cells', () => {
  it('lists Endpoints port by port, each with every ready address (formatEndpoints), IPv6 in brackets', () => {
    const ep = {
      subsets: [{
        addresses: [{ ip: '10.244.1.8' }, { ip: '10.244.2.4' }],
        ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'metrics', port: 9153, protocol: 'TCP' }],
      }],
    };
    expect(endpointsCell(ep)).toBe('10.244.1.8:53,10.244.2.4:53,10.244.1.8:9153 + 1 more...');
    expect(endpointsCell({ subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }] })).toBe('[fd00::1]:80');
    expect(endpointsCell({ subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] }] })).toBe('10.0.0.1,10.0.0.2');
  });
});
