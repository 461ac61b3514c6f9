// Reading a stream of JSON texts as jq does (values separated by whitespace, like kubectl's `-o json` output),
// with jq's parse-error wording for text that is not JSON (a table piped into jq).
import type { JqValue } from './jq-paths';

/** One parsed value and the line jq names in its errors (`<stdin>:N`). */
export interface JsonText {
  readonly value: JqValue;
  readonly line: number;
}

function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1, start = 0;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) { line++; start = i + 1; }
  return { line, column: index - start };
}

/** The end (exclusive) of the JSON value starting at `i`, or -1 when it never closes. Pure. */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') {
    for (let j = i + 1; j < text.length; j++) { if (text[j] === '\\') j++; else if (text[j] === '"') return j + 1; }
    return -1;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') { const e = valueEnd(text, j); if (e < 0) return -1; j = e - 1; continue; }
      if (d === '{' || d === '[') depth++;
      else if ((d === '}' || d === ']') && --depth === 0) return j + 1;
    }
    return -1;
  }
  let j = i;
  while (j < text.length && !/[\s{}[\],:"]/.test(text[j])) j++;
  return j;
}

/** Splits and parses the JSON texts of `text`; stops at the first invalid one with jq's message. Pure. */
export function parseJsonTexts(text: string): { texts: JsonText[]; error?: string } {
  const texts: JsonText[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) return { texts };
    const end = valueEnd(text, i);
    if (end < 0) {
      const at = lineColumn(text, text.length);
      return { texts, error: `Unfinished JSON term at EOF at line ${at.line + 1}, column 0` };
    }
    const slice = text.slice(i, end);
    let value: JqValue;
    try {
      value = JSON.parse(slice) as JqValue;
    } catch {
      const at = lineColumn(text, end);
      const literal = /^[A-Za-z_]/.test(slice) && !/^(true|false|null)$/.test(slice);
      const newline = text[end] === '\n' || end >= text.length;
      return { texts, error: `${literal ? 'Invalid literal' : 'Invalid numeric literal'} at line ${newline ? at.line + 1 : at.line}, column ${newline ? 0 : at.column + 1}` };
    }
    texts.push({ value, line: lineColumn(text, end).line });
    i = end;
  }
}
