import { describe, expect, it } from 'vitest';
import { cursorMove, eraseLine, leaveLine, paintLine, textWidth } from '../../src/features/terminal/line-render';
import { VtScreen } from './terminal-vt-screen';

const P = { prompt: '$ ', promptWidth: 2 };

describe('line rendering on a VT screen', () => {
  it('moves the cursor between cells of a wrapped line with relative sequences', () => {
    expect(cursorMove(5, 5, 10)).toBe('');
    expect(cursorMove(5, 2, 10)).toBe('\r\x1b[2C');
    expect(cursorMove(23, 4, 10)).toBe('\x1b[2A\r\x1b[4C');
    expect(cursorMove(0, 20, 10)).toBe('\x1b[2B\r');
  });

  it('counts width in code points', () => {
    expect(textWidth('a😀b')).toBe(3);
  });

  it('repaints a line that wraps, with the cursor where the editor says, and erases a longer old line', () => {
    const vt = new VtScreen(10);
    let at = 0;
    const paint = (text: string, cursor: number): void => {
      const r = paintLine(at, { ...P, text, cursor, cols: 10 });
      vt.write(r.out);
      at = r.at;
    };
    paint('kubectl get pods', 16);
    expect(vt.lines()).toEqual(['$ kubectl', 'get pods']);
    expect([vt.x, vt.y]).toEqual([8, 1]);
    paint('kubectl get pods', 3);
    expect([vt.x, vt.y]).toEqual([5, 0]);
    paint('kubectl', 3);
    expect(vt.lines()).toEqual(['$ kubectl']);
    expect([vt.x, vt.y]).toEqual([5, 0]);
  });

  it('never leaves the cursor waiting to wrap when the line fills its last row exactly', () => {
    const vt = new VtScreen(10);
    const first = paintLine(0, { ...P, text: '12345678', cursor: 8, cols: 10 });
    vt.write(first.out);
    expect([vt.x, vt.y]).toEqual([0, 1]);
    const second = paintLine(first.at, { ...P, text: '12345678', cursor: 0, cols: 10 });
    vt.write(second.out);
    expect([vt.x, vt.y]).toEqual([2, 0]);
    vt.write(leaveLine(second.at, { ...P, text: '12345678', cols: 10 }));
    vt.write('next');
    expect(vt.lines()).toEqual(['$ 12345678', 'next']);
  });

  it('leaves a line with a marker (^C) after its end, and erases it to print above the prompt', () => {
    const vt = new VtScreen(20);
    const r = paintLine(0, { ...P, text: 'sleep 10', cursor: 2, cols: 20 });
    vt.write(r.out + leaveLine(r.at, { ...P, text: 'sleep 10', cols: 20 }, '^C') + '$ ');
    expect(vt.lines()).toEqual(['$ sleep 10^C', '$']);
    const again = paintLine(0, { ...P, text: 'half typed', cursor: 4, cols: 20 });
    vt.write(again.out + eraseLine(again.at, 20) + 'output\r\n');
    expect(vt.lines()).toEqual(['$ sleep 10^C', 'output']);
  });
});
