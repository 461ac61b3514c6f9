import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import {
  MAX_SHARE_AT_MS, MAX_SHARE_CHARS, MAX_SHARE_COMMANDS, decodeShare, encodeShare, readSharedRun, shareInHash, shareUrl, type SharedRun,
} from '../../src/lib/share-link';
import { isRunRecord } from '../../src/features/lessons/saved-shapes';

const RUN: SharedRun = {
  atMs: 125_000.5,
  record: {
    format: 'kubesim-run', version: 1, options: { seed: 42, editor: 'page' }, commands: [
      { at: 1_000, command: { type: 'exec', line: 'kubectl create deployment web --image=nginx --replicas=3' } },
      { at: 3_000, command: { type: 'writeFile', path: '/home/student/web.svc.yaml', content: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ü-ñ\n' } },
      { at: 5_000, command: { type: 'exec', line: 'kubectl apply -f web.svc.yaml' } },
    ],
  },
};

const pack = (value: unknown): string => deflateRawSync(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))).toString('base64url');

describe('a share link', () => {
  it('carries the run, its files and its clock there and back', async () => {
    const packed = await encodeShare(RUN);
    expect(packed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeShare(packed)).toEqual({ kind: 'ok', run: RUN });
    // The browser's deflate-raw is the standard one: node's inflate reads it too.
    expect(pack({ kubesim: 'share', version: 1, atMs: RUN.atMs, record: RUN.record })).toBe(pack(JSON.parse(
      new TextDecoder().decode(await new Response(new Blob([Buffer.from(packed, 'base64url')]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer()),
    )));
  });

  it('carries the lab being followed and its progress, and refuses a damaged one', async () => {
    const withLab: SharedRun = { ...RUN, lab: { id: 'module-4-services', lesson: { value: 'waiting' }, stepStartSeq: 3 } };
    expect(await decodeShare(await encodeShare(withLab))).toEqual({ kind: 'ok', run: withLab });
    expect(readSharedRun({ kubesim: 'share', version: 1, ...RUN, lab: { id: '<script>', lesson: {}, stepStartSeq: 0 } }))
      .toEqual({ kind: 'bad', reason: 'its lab progress is damaged' });
    expect(readSharedRun({ kubesim: 'share', version: 1, ...RUN, lab: { id: 'module-4-services', lesson: {}, stepStartSeq: -1 } }))
      .toEqual({ kind: 'bad', reason: 'its lab progress is damaged' });
  });

  it('is found in the fragment among other parameters, and made from the page address without its query', () => {
    expect(shareInHash('#share=abc')).toBe('abc');
    expect(shareInHash('#x=1&share=abc-_')).toBe('abc-_');
    expect(shareInHash('#share')).toBe('');
    expect(shareInHash('#sharex=1')).toBeUndefined();
    expect(shareInHash('')).toBeUndefined();
    expect(shareUrl('https://example.org/courses/kubesim/?seed=4&lab=x#old', 'PACK')).toBe('https://example.org/courses/kubesim/#share=PACK');
  });

  it('refuses each kind of damage with a one-line reason', async () => {
    const good = await encodeShare(RUN);
    const bits = Buffer.from(good, 'base64url');
    bits[Math.floor(bits.length / 2)] ^= 0x5a;
    const cases: [string, string][] = [
      ['', 'it is damaged'],
      ['%%%', 'it is damaged'],
      ['a', 'it is damaged'],
      [good.slice(0, good.length - 7), 'it is damaged'],
      [good.slice(0, 20), 'it is damaged'],
      [bits.toString('base64url'), 'it is damaged'],
      ['QUJDREVGR0hJSktMTU5PUA', 'it is damaged'],
      ['x'.repeat(MAX_SHARE_CHARS + 1), 'it is longer than a link may be'],
      ['😀😀', 'it is damaged'],
      [pack('this is not json'), 'it is damaged'],
      [Buffer.concat([deflateRawSync(Buffer.from('"')), Buffer.from([0xff, 0xfe])]).toString('base64url'), 'it is damaged'],
      [deflateRawSync(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])).toString('base64url'), 'it is damaged'],
      [pack([1, 2, 3]), 'it is not a kubesim share link'],
      [pack({ kubesim: 'share', version: 2, atMs: 0, record: RUN.record }), 'it is not a kubesim share link'],
      [pack({ ...RUN, record: RUN.record }), 'it is not a kubesim share link'],
      [pack({ kubesim: 'share', version: 1, atMs: 9_000, record: { ...RUN.record, commands: [{ at: 5, command: { type: 'eval', code: 'alert(1)' } }] } }), 'its command record is damaged'],
      [pack({ kubesim: 'share', version: 1, atMs: 9_000, record: { ...RUN.record, format: 'other' } }), 'its command record is damaged'],
      [pack({ kubesim: 'share', version: 1, atMs: 4_000, record: RUN.record }), 'its clock is damaged'],
      [pack({ kubesim: 'share', version: 1, atMs: MAX_SHARE_AT_MS + 1, record: RUN.record }), 'its clock is damaged'],
      [pack({ kubesim: 'share', version: 1, atMs: '1e3', record: RUN.record }), 'its clock is damaged'],
      [pack({ kubesim: 'share', version: 1, atMs: 0, record: { ...RUN.record, commands: Array.from({ length: MAX_SHARE_COMMANDS + 1 }, () => ({ at: 0, command: { type: 'exec', line: 'sleep 9999' } })) } }), 'it holds more commands than a link may carry'],
      // A zip bomb: 30 MB of spaces packs into a few tens of kilobytes; unpacking stops at the cap.
      [deflateRawSync(Buffer.alloc(30_000_000, 0x20), { level: 9 }).toString('base64url'), 'it unpacks to more than a link may carry'],
    ];
    for (const [packed, reason] of cases) expect(await decodeShare(packed), `${packed.slice(0, 40)} → ${reason}`).toEqual({ kind: 'bad', reason });
  });

  it('never throws and never lets a bad run through, however the text is damaged', async () => {
    const good = await encodeShare(RUN);
    await fc.assert(fc.asyncProperty(fc.nat(good.length - 1), fc.nat(12), fc.string({ maxLength: 6 }), async (at, cut, insert) => {
      const decoded = await decodeShare(good.slice(0, at) + insert + good.slice(Math.min(good.length, at + cut)));
      expect(['ok', 'bad']).toContain(decoded.kind);
      if (decoded.kind === 'ok') expect(isRunRecord(decoded.run.record)).toBe(true);
    }), { numRuns: 300, seed: 11 });
    await fc.assert(fc.asyncProperty(fc.jsonValue(), async (value) => {
      const decoded = await decodeShare(pack({ kubesim: 'share', version: 1, atMs: 0, record: value }));
      expect(decoded.kind === 'bad' || isRunRecord(decoded.run.record)).toBe(true);
    }), { numRuns: 200, seed: 12 });
  });

  it('is checked as the receiver checks it before it is made', () => {
    expect(readSharedRun({ kubesim: 'share', version: 1, ...RUN })).toEqual({ kind: 'ok', run: RUN });
    expect(readSharedRun({ kubesim: 'share', version: 1, ...RUN, atMs: MAX_SHARE_AT_MS * 2 })).toEqual({ kind: 'bad', reason: 'its clock is damaged' });
    expect(readSharedRun(null)).toEqual({ kind: 'bad', reason: 'it is not a kubesim share link' });
  });
});
