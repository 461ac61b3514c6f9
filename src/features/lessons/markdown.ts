// The small Markdown a lab's text is written in (headings, paragraphs, lists, quotes, code blocks, rules), parsed
// into plain data that components render as elements: text from a lab file never becomes HTML.
import { parseInline, type Inline } from './markdown-inline';

export type { Inline } from './markdown-inline';

export type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly content: readonly Inline[] }
  | { readonly kind: 'paragraph'; readonly content: readonly Inline[] }
  | { readonly kind: 'code'; readonly lang: string; readonly text: string }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly start: number; readonly items: readonly (readonly Block[])[] }
  | { readonly kind: 'quote'; readonly blocks: readonly Block[] }
  | { readonly kind: 'rule' };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const ITEM = /^( {0,3})([-*+]|(\d{1,9})[.)])\s+(.*)$/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;

const isBlank = (line: string): boolean => line.trim() === '';

/** A line that closes a fence opened with `marker`: only the fence character, at least as many. */
function closesFence(line: string, marker: string): boolean {
  const t = line.trim();
  return t.length >= marker.length && t === marker[0].repeat(t.length);
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || ITEM.test(line) || RULE.test(line) || QUOTE.test(line);
}

/** Parses Markdown text into blocks. Pure. */
export function parseMarkdown(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) { i++; continue; }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1];
      const body: string[] = [];
      i++;
      while (i < lines.length && !closesFence(lines[i], marker)) body.push(lines[i++]);
      i++;
      blocks.push({ kind: 'code', lang: fence[2], text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1].length, content: parseInline(heading[2].replace(/\s*\{#[^}]*\}\s*$/, '')) });
      i++;
      continue;
    }
    if (RULE.test(line)) { blocks.push({ kind: 'rule' }); i++; continue; }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && !isBlank(lines[i])) {
        const quoted = QUOTE.exec(lines[i]);
        if (quoted) body.push(quoted[1]);
        else if (startsBlock(lines[i])) break;
        else body.push(lines[i]);
        i++;
      }
      blocks.push({ kind: 'quote', blocks: parseMarkdown(body.join('\n')) });
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const ordered = item[3] !== undefined;
      const items: Block[][] = [];
      while (i < lines.length) {
        const m = ITEM.exec(lines[i]);
        if (!m || (m[3] !== undefined) !== ordered) break;
        const indent = m[1].length + m[2].length + 1;
        const body = [m[4]];
        i++;
        // Continuation: indented lines, or lazy lines of the same paragraph; a blank line followed by indented text.
        while (i < lines.length) {
          const next = lines[i];
          if (isBlank(next)) {
            if (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1])) { body.push(''); i++; continue; }
            break;
          }
          if (ITEM.test(next) && !/^\s{2,}/.test(next)) break;
          if (/^\s{2,}/.test(next)) body.push(next.slice(Math.min(indent, next.length - next.trimStart().length)));
          else if (startsBlock(next)) break;
          else body.push(next);
          i++;
        }
        items.push(parseMarkdown(body.join('\n')));
        while (i < lines.length && isBlank(lines[i]) && ITEM.test(lines[i + 1] ?? '') && !/^\s{2,}/.test(lines[i + 1])) i++;
      }
      blocks.push({ kind: 'list', ordered, start: ordered ? Number(item[3]) : 1, items });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !isBlank(lines[i]) && !(para.length > 0 && startsBlock(lines[i]))) para.push(lines[i++].trim());
    blocks.push({ kind: 'paragraph', content: parseInline(para.join(' ')) });
  }
  return blocks;
}
