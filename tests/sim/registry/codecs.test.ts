import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, utf8Text } from '../../../sim/registry/base64';
import { canonicalQuantityText, compareQuantities, parseExactQuantity } from '../../../sim/registry/quantity-canonical';

describe('base64', () => {
  it.each([
    ['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['admin', 'YWRtaW4='],
    ['héllo ✓', 'aMOpbGxvIOKckw=='], ['🙂', '8J+Zgg=='],
  ])('%j ↔ %s', (text, encoded) => {
    expect(encodeBase64(text)).toBe(encoded);
    const decoded = decodeBase64(encoded);
    expect(decoded.ok && utf8Text(decoded.bytes)).toBe(text);
  });

  it.each([
    ['abc', 0], ['ab=c', 2], ['a$bc', 1], ['Zg==x', 4], ['Zg=', 3], ['=abc', 0],
  ])('rejects %j at byte %i like Go', (input, at) => {
    expect(decodeBase64(input)).toEqual({ ok: false, error: `illegal base64 data at input byte ${at}` });
  });

  it('skips newlines', () => {
    const res = decodeBase64('Zm9v\nYmFy\r\n');
    expect(res.ok && utf8Text(res.bytes)).toBe('foobar');
  });
});

describe('canonical quantities', () => {
  it.each([
    ['0.5', '500m'], [1, '1'], ['1000m', '1'], ['1500m', '1500m'], ['1000', '1k'], ['1024Mi', '1Gi'], ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'], ['512', '512'], ['0.5Ki', '512'], ['129e6', '129e6'], ['0.1m', '1m'], ['100M', '100M'], ['0', '0'],
    ['2.5', '2500m'], ['-1', '-1'],
  ])('%j → %s', (input, canonical) => {
    expect(canonicalQuantityText(input)).toBe(canonical);
  });

  it.each(['', 'abc', '1.2.3', '5 Mi', 'Mi', '1x'])('%j is not a quantity', (input) => {
    expect(parseExactQuantity(input)).toBeUndefined();
  });

  it('compares exactly', () => {
    expect(compareQuantities(parseExactQuantity('1Gi')!, parseExactQuantity('1073741824')!)).toBe(0);
    expect(compareQuantities(parseExactQuantity('500m')!, parseExactQuantity('1')!)).toBe(-1);
    expect(compareQuantities(parseExactQuantity('2')!, parseExactQuantity('1999m')!)).toBe(1);
  });
});
