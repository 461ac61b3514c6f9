import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/features/lessons/markdown';
import { isSafeHref, parseInline } from '../../src/features/lessons/markdown-inline';
import { BUILT_IN_LABS } from '../../src/labs/catalogue';
import { loadLabSet } from '../../sim/labs/lab-set';

const text = (t: string) => ({ kind: 'text', text: t });

describe('the Markdown of a lab step', () => {
  it('reads code spans, strong, emphasis, links and escapes inline', () => {
    expect(parseInline('Run `kubectl get pods`, **now** or *later*: see [the docs](https://kubernetes.io/docs/) \\*not bold\\*')).toEqual([
      text('Run '), { kind: 'code', text: 'kubectl get pods' }, text(', '), { kind: 'strong', children: [text('now')] }, text(' or '),
      { kind: 'em', children: [text('later')] }, text(': see '), { kind: 'link', href: 'https://kubernetes.io/docs/', children: [text('the docs')] },
      text(' *not bold*'),
    ]);
    expect(parseInline('MONGO_CONNSTR and snake_case_names stay, `a * b` too')).toEqual([
      text('MONGO_CONNSTR and snake_case_names stay, '), { kind: 'code', text: 'a * b' }, text(' too'),
    ]);
    expect(parseInline('``code with ` tick`` and 2 * 3 * 4')).toEqual([{ kind: 'code', text: 'code with ` tick' }, text(' and 2 * 3 * 4')]);
    expect(parseInline('**`80:3xxxx/TCP`** and _a phrase_')).toEqual([
      { kind: 'strong', children: [{ kind: 'code', text: '80:3xxxx/TCP' }] }, text(' and '), { kind: 'em', children: [text('a phrase')] },
    ]);
  });

  it('never makes markup of text, and follows only safe links', () => {
    expect(parseInline('<img src=x onerror=alert(1)> & <b>bold</b>')).toEqual([text('<img src=x onerror=alert(1)> & <b>bold</b>')]);
    expect(parseInline('[click](javascript:alert)')).toEqual([text('click')]);
    expect(parseInline('[data](data:text/html,x)')).toEqual([text('data')]);
    for (const ok of ['https://kubernetes.io', 'http://a.b/c', 'mailto:x@y.z', 'docs/authoring-labs.md', '#step', '../labs/x.md']) expect(isSafeHref(ok), ok).toBe(true);
    for (const bad of ['javascript:alert(1)', ' JavaScript:x', 'vbscript:x', 'data:text/html,x', '//evil.example/x', 'file:///etc/passwd']) expect(isSafeHref(bad), bad).toBe(false);
  });

  it('reads headings, paragraphs, lists with continuation lines, quotes, code blocks and rules', () => {
    const blocks = parseMarkdown([
      '### A heading {#anchor}', '', 'One paragraph', 'over two lines.', '',
      '- first item', '  continued here', '- second with `code`', '', '1. one', '2. two', '',
      '> a quote', 'lazily continued', '', '```yaml', 'kind: Service', '  # not a heading', '```', '---', 'After.',
    ].join('\n'));
    expect(blocks).toEqual([
      { kind: 'heading', level: 3, content: [text('A heading')] },
      { kind: 'paragraph', content: [text('One paragraph over two lines.')] },
      { kind: 'list', ordered: false, start: 1, items: [
        [{ kind: 'paragraph', content: [text('first item continued here')] }],
        [{ kind: 'paragraph', content: [text('second with '), { kind: 'code', text: 'code' }] }],
      ] },
      { kind: 'list', ordered: true, start: 1, items: [[{ kind: 'paragraph', content: [text('one')] }], [{ kind: 'paragraph', content: [text('two')] }]] },
      { kind: 'quote', blocks: [{ kind: 'paragraph', content: [text('a quote lazily continued')] }] },
      { kind: 'code', lang: 'yaml', text: 'kind: Service\n  # not a heading' },
      { kind: 'rule' },
      { kind: 'paragraph', content: [text('After.')] },
    ]);
  });

  it('reads every built-in lab step without losing its words', () => {
    const set = loadLabSet(BUILT_IN_LABS);
    const words = (s: string) => s.replace(/[`*_>#-]|\{#[^}]*\}|\d+\./g, ' ').split(/\s+/).filter(Boolean);
    const flat = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? v.map(flat).join(' ') : v && typeof v === 'object'
      ? Object.entries(v).filter(([k]) => k === 'text' || k === 'content' || k === 'children' || k === 'items' || k === 'blocks').map(([, x]) => flat(x)).join(' ') : '');
    for (const lab of set.labs) {
      for (const step of lab.steps) {
        expect(words(flat(parseMarkdown(step.text))).join(' '), `${lab.id}#${step.id}`).toBe(words(step.text).join(' '));
      }
    }
  });
});

describe('a step cut at its actions', () => {
  it('puts the buttons of each commands or file block where the text had it', async () => {
    const { stepSegments } = await import('../../src/features/lessons/step-segments');
    const segments = stepSegments('Look at the pods:\n\n{{kubesim-action 0}}\n\nThen open the manifest:\n\n{{kubesim-action 1}}');
    expect(segments.map((s) => (s.kind === 'action' ? `action ${s.index}` : s.blocks.map((b) => b.kind).join(',')))).toEqual([
      'paragraph', 'action 0', 'paragraph', 'action 1',
    ]);
    expect(stepSegments('No actions here.')).toHaveLength(1);
    // A marker inside other text is text.
    expect(stepSegments('see {{kubesim-action 0}} here').map((s) => s.kind)).toEqual(['text']);
  });
});
