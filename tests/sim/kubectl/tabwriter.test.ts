import { describe, expect, it } from 'vitest';
import { cell, formatTable } from '../../../sim/kubectl/tabwriter';
import { humanDuration } from '../../../sim/model/time';

describe('kubectl table layout', () => {
  it('pads every column but the last to max(widest + 3, 6)', () => {
    const out = formatTable([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['mongodb-7d4b9c8f6-x2k8p', '1/1', 'Running', '0', '2m1s'],
    ]);
    expect(out).toBe(
      'NAME                      READY   STATUS    RESTARTS   AGE\n' +
      'mongodb-7d4b9c8f6-x2k8p   1/1     Running   0          2m1s\n',
    );
  });

  it('gives short columns the minimum width of 6', () => {
    expect(formatTable([['A', 'B'], ['x', 'y']])).toBe('A     B\nx     y\n');
  });

  it('cuts a cell at a line break', () => {
    expect(cell('first\nsecond')).toBe('first...');
  });
});

describe('HumanDuration boundaries (apimachinery duration_test.go)', () => {
  const s = 1000, m = 60 * s, h = 60 * m, d = 24 * h, y = 365 * d;
  it.each([
    [-2 * s, '<invalid>'], [-1 * s, '0s'], [0, '0s'], [119 * s, '119s'], [2 * m, '2m'], [2 * m + s, '2m1s'],
    [9 * m + 59 * s, '9m59s'], [10 * m, '10m'], [179 * m, '179m'], [3 * h, '3h'], [3 * h + m, '3h1m'],
    [7 * h + 59 * m, '7h59m'], [8 * h, '8h'], [47 * h, '47h'], [48 * h, '2d'], [2 * d + h, '2d1h'],
    [7 * d + 23 * h, '7d23h'], [8 * d, '8d'], [729 * d, '729d'], [2 * y, '2y'], [2 * y + d, '2y1d'],
    [7 * y + 364 * d, '7y364d'], [8 * y, '8y'],
  ])('%i ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
