// The inline part of the small Markdown the lab text uses: code spans, strong and emphasis, links and backslash
// escapes, parsed into plain data that components render as elements (never as HTML).

export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'strong'; readonly children: readonly Inline[] }
  | { readonly kind: 'em'; readonly children: readonly Inline[] }
  | { readonly kind: 'link'; readonly href: string; readonly children: readonly Inline[] };

const ESCAPABLE = /[\\`*_{}[\]()#+\-.!<>|~"']/;

/** Whether a link target is safe to follow: http(s), mailto, or a path or anchor on this site. Pure. */
export function isSafeHref(href: string): boolean {
  const h = href.trim();
  if (/^(https?:|mailto:)/i.test(h)) return true;
  // A scheme of any other kind (javascript:, data:, vbscript:, …) is refused; "//host" leaves the site.
  return !/^[a-z][a-z0-9+.-]*:/i.test(h) && !h.startsWith('//') && !/[\s<>"]/.test(h);
}

function pushText(out: Inline[], text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + text };
  else out.push({ kind: 'text', text });
}

/** The index of the closing delimiter `delim` after `from`, skipping code spans; -1 when there is none. */
function closing(src: string, from: number, delim: string): number {
  for (let i = from; i < src.length; i++) {
    if (src[i] === '\\') { i++; continue; }
    if (src[i] === '`') {
      const run = /^`+/.exec(src.slice(i))![0];
      const end = src.indexOf(run, i + run.length);
      if (end > 0) { i = end + run.length - 1; continue; }
    }
    if (src.startsWith(delim, i) && i > from && src[i - 1] !== ' ') {
      // `_` closes only at a word's end (snake_case stays as it is).
      if (delim[0] === '_' && /[A-Za-z0-9]/.test(src[i + delim.length] ?? '')) continue;
      if (delim === '*' && src[i + 1] === '*') { i++; continue; }
      return i;
    }
  }
  return -1;
}

/** Parses one paragraph's (or heading's, or list item's) text. Pure. */
export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && ESCAPABLE.test(src[i + 1] ?? '')) { pushText(out, src[i + 1]); i += 2; continue; }
    if (c === '`') {
      const run = /^`+/.exec(src.slice(i))![0];
      const end = src.indexOf(run, i + run.length);
      if (end < 0) { pushText(out, run); i += run.length; continue; }
      const body = src.slice(i + run.length, end);
      out.push({ kind: 'code', text: /^ .* $/.test(body) && body.trim() !== '' ? body.slice(1, -1) : body });
      i = end + run.length;
      continue;
    }
    if ((c === '*' || c === '_') && src[i + 1] !== ' ') {
      const strong = src[i + 1] === c;
      const delim = strong ? c + c : c;
      const wordStart = c !== '_' || i === 0 || !/[A-Za-z0-9]/.test(src[i - 1]);
      const end = wordStart && src[i + delim.length] !== ' ' ? closing(src, i + delim.length, delim) : -1;
      if (end > 0) {
        const children = parseInline(src.slice(i + delim.length, end));
        out.push(strong ? { kind: 'strong', children } : { kind: 'em', children });
        i = end + delim.length;
        continue;
      }
    }
    if (c === '[') {
      const m = /^\[([^\]]+)\]\(([^()\s]*)\)/.exec(src.slice(i));
      if (m) {
        const children = parseInline(m[1]);
        if (isSafeHref(m[2])) out.push({ kind: 'link', href: m[2], children });
        else for (const child of children) if (child.kind === 'text') pushText(out, child.text); else out.push(child);
        i += m[0].length;
        continue;
      }
    }
    pushText(out, c);
    i++;
  }
  return out;
}
