// Where a command line breaks into commands: its unquoted control operators (`;` `&&` `||` `|` `&`), found
// outside quotes, `$(…)` and backquotes, up to a `#` comment.

export type Op = ';' | '&&' | '||' | '|' | '&' | 'end';

/** Cuts a line at its unquoted control operators, outside `$(…)` and backquotes; drops a `#` comment. Pure. */
export function splitOperators(line: string): { ok: true; segments: { raw: string; op: Op }[] } | { ok: false; error: string } {
  const segments: { raw: string; op: Op }[] = [];
  let quote = '';
  let start = 0;
  const cut = (i: number, op: Op, len: number): void => { segments.push({ raw: line.slice(start, i), op }); start = i + len; };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") { if (c === "'") quote = ''; continue; }
    if (c === '\\') { i++; continue; }
    if ((c === '$' && line[i + 1] === '(') || c === '`') {
      const end = substitutionEnd(line, i);
      if (end < 0) return { ok: false, error: `unexpected EOF while looking for matching \`${c === '`' ? '`' : ')'}'` };
      i = end - 1;
      continue;
    }
    if (quote === '"') { if (c === '"') quote = ''; continue; }
    if (c === "'" || c === '"') { quote = c; continue; }
    if (c === '#' && (i === 0 || /[\s;&|]/.test(line[i - 1]))) { segments.push({ raw: line.slice(start, i), op: 'end' }); return { ok: true, segments }; }
    if (c === ';') { if (line[i + 1] === ';') return { ok: false, error: "syntax error near unexpected token `;;'" }; cut(i, ';', 1); continue; }
    if (c === '|') { if (line[i + 1] === '|') { cut(i, '||', 2); i++; } else cut(i, '|', line[i + 1] === '&' ? 2 : 1); continue; }
    if (c === '&') {
      if (line[i + 1] === '&') { cut(i, '&&', 2); i++; continue; }
      if (line[i - 1] === '>' || line[i - 1] === '<' || line[i + 1] === '>') continue;
      cut(i, '&', 1);
    }
  }
  if (quote) return { ok: false, error: `unexpected EOF while looking for matching \`${quote}'` };
  segments.push({ raw: line.slice(start), op: 'end' });
  return { ok: true, segments };
}

/** The index just after the `$(…)` or backquoted command starting at `i`, or -1 when it never closes. Pure. */
export function substitutionEnd(text: string, i: number): number {
  if (text[i] === '`') {
    for (let j = i + 1; j < text.length; j++) { if (text[j] === '\\') j++; else if (text[j] === '`') return j + 1; }
    return -1;
  }
  let depth = 0;
  let quote = '';
  for (let j = i + 1; j < text.length; j++) {
    const d = text[j];
    if (quote === "'") { if (d === "'") quote = ''; continue; }
    if (d === '\\') { j++; continue; }
    if (d === '$' && text[j + 1] === '(' && (quote === '"' || quote === '')) { const e = substitutionEnd(text, j); if (e < 0) return -1; j = e - 1; continue; }
    if (quote === '"') { if (d === '"') quote = ''; continue; }
    if (d === "'" || d === '"') quote = d;
    else if (d === '(') depth++;
    else if (d === ')' && --depth === 0) return j + 1;
  }
  return -1;
}
