// Standard base64 (RFC 4648, padded) over UTF-8, as Go's encoding/base64 StdEncoding does it for Secret data.
// The engine has no btoa, atob or Buffer, so the codec is written out here.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

/** The UTF-8 bytes of a string (lone surrogates become U+FFFD, as Go's string conversion does). Pure. */
export function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return out;
}

/** Bytes as text, decoding UTF-8 (an invalid byte becomes U+FFFD). Pure. */
export function utf8Text(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    let cp = need <= 0 ? b : b & (0x3f >> need);
    let k = 1;
    for (; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) break;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (need < 0 || k <= need) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** Base64 of raw bytes, padded. Pure. */
export function encodeBase64Bytes(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Base64 of a string's UTF-8 bytes: what the apiserver stores for `stringData`. Pure. */
export function encodeBase64(text: string): string {
  return encodeBase64Bytes(utf8Bytes(text));
}

export type DecodeResult = { ok: true; bytes: number[] } | { ok: false; error: string };

/**
 * Decodes padded base64 as Go's StdEncoding.DecodeString does (CR and LF are skipped), with its error text
 * `illegal base64 data at input byte N`. Pure.
 */
export function decodeBase64(src: string): DecodeResult {
  const bytes: number[] = [];
  const fail = (at: number): DecodeResult => ({ ok: false, error: `illegal base64 data at input byte ${at}` });
  const isNewline = (c: string | undefined): boolean => c === '\n' || c === '\r';
  let si = 0;
  for (;;) {
    const quantum: number[] = [];
    let dlen = 4;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return { ok: true, bytes };
        return fail(si - j);
      }
      const c = src[si++];
      const v = DECODE.get(c);
      if (v !== undefined) { quantum[j] = v; continue; }
      if (isNewline(c)) { j--; continue; }
      if (c !== '=') return fail(si - 1);
      if (j === 0 || j === 1) return fail(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return fail(src.length);
        if (src[si] !== '=') return fail(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) return fail(si);
      dlen = j;
      break;
    }
    const n = (quantum[0] << 18) | (quantum[1] << 12) | ((quantum[2] ?? 0) << 6) | (quantum[3] ?? 0);
    bytes.push((n >> 16) & 0xff);
    if (dlen > 2) bytes.push((n >> 8) & 0xff);
    if (dlen > 3) bytes.push(n & 0xff);
    if (dlen < 4) return { ok: true, bytes };
  }
}
