// go-yaml v2's scalar decisions (resolve.go, emitterc.go yaml_emitter_analyze_scalar and the double-quoted
// writer): which strings must be quoted so they read back as strings, and which styles the emitter allows.

const RESOLVES_TO_OTHER = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf',
  '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$/;
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2}))|(?: \d{1,2}:\d{1,2}:\d{1,2}(?:\.\d{1,9})?))?$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Whether go-yaml would read `s` back as something other than a string (so it writes it double-quoted). Pure. */
export function needsDoubleQuotes(s: string): boolean {
  if (RESOLVES_TO_OTHER.has(s)) return true;
  if (BASE60.test(s)) return true;
  const c = s[0];
  if (c === '.') return YAML_FLOAT.test(s);
  if (!/[-+0-9]/.test(c)) return false;
  if (TIMESTAMP.test(s)) return true;
  const plain = s.replace(/_/g, '');
  return GO_INT.test(plain) || YAML_FLOAT.test(plain) || /^-?0b[01]+$/.test(plain);
}

function isPrintable(code: number): boolean {
  return code === 0x0a || (code >= 0x20 && code <= 0x7e) || code === 0x85 || (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) || (code >= 0x10000 && code <= 0x10ffff);
}

interface Analysis { blockIndicators: boolean; leadingOrTrailing: boolean; lineBreaks: boolean; spaceBreak: boolean; breakSpace: boolean; special: boolean; trailingSpace: boolean }

function analyze(s: string): Analysis {
  const chars = [...s];
  const a: Analysis = { blockIndicators: false, leadingOrTrailing: false, lineBreaks: false, spaceBreak: false, breakSpace: false, special: false, trailingSpace: false };
  if (s.startsWith('---') || s.startsWith('...')) a.blockIndicators = true;
  let precededByWhitespace = true, prevSpace = false, prevBreak = false;
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) a.blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) a.blockIndicators = true;
    } else if ((c === ':' && followedByWhitespace) || (c === '#' && precededByWhitespace)) a.blockIndicators = true;
    if (!isPrintable(c.codePointAt(0)!)) a.special = true;
    if (c === ' ') {
      if (i === 0 || i === chars.length - 1) a.leadingOrTrailing = true;
      if (i === chars.length - 1) a.trailingSpace = true;
      if (prevBreak) a.breakSpace = true;
      prevSpace = true; prevBreak = false;
    } else if (c === '\n' || c === '\r') {
      a.lineBreaks = true;
      if (i === 0 || i === chars.length - 1) a.leadingOrTrailing = true;
      if (prevSpace) a.spaceBreak = true;
      prevSpace = false; prevBreak = true;
    } else { prevSpace = false; prevBreak = false; }
    precededByWhitespace = c === ' ' || c === '\t' || c === '\n' || c === '\r';
  });
  return a;
}

/** Whether the emitter may write `s` as a plain (unquoted) block scalar. Pure. */
export function isPlainAllowed(s: string): boolean {
  const a = analyze(s);
  return !(a.leadingOrTrailing || a.lineBreaks || a.spaceBreak || a.breakSpace || a.special || a.blockIndicators);
}

/** Whether single quotes and literal blocks are allowed for `s`. Pure. */
export function quotedAllowed(s: string): { single: boolean; block: boolean } {
  const a = analyze(s);
  return { single: !(a.breakSpace || a.spaceBreak || a.special), block: !(a.trailingSpace || a.spaceBreak || a.special) };
}

const ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e', 0x22: '"',
  0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

/** A double-quoted scalar as go-yaml writes it, folding at spaces past `width`. Pure. */
export function goYamlQuoted(s: string, column: number, indent: number, width: number): string {
  const chars = [...s];
  let out = '"';
  let col = column + 1;
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const code = c.codePointAt(0)!;
    if (!isPrintable(code) || code === 0xfeff || c === '\n' || c === '\r' || code === 0x85 || code === 0x2028 || code === 0x2029 || c === '"' || c === '\\') {
      const named = ESCAPES[code];
      const hex = code.toString(16).toUpperCase();
      const esc = named !== undefined ? `\\${named}` : code <= 0xff ? `\\x${hex.padStart(2, '0')}` : code <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
      out += esc; col += esc.length; spaces = false;
    } else if (c === ' ') {
      if (!spaces && col > width && i > 0 && i < chars.length - 1) {
        out += `\n${' '.repeat(indent)}`;
        col = indent;
        if (chars[i + 1] === ' ') { out += '\\'; col++; }
      } else { out += c; col++; }
      spaces = true;
    } else { out += c; col++; spaces = false; }
  }
  return `${out}"`;
}

/** A float as Go's strconv.FormatFloat(f, 'g', -1, 64) writes it; integers without a fraction. Pure. */
export function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '.inf' : '-.inf';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 6) {
    const [mant, e] = n.toExponential().split('e');
    const sign = e.startsWith('-') ? '-' : '+';
    return `${mant}e${sign}${e.replace(/^[-+]/, '').padStart(2, '0')}`;
  }
  return String(n);
}
