import { describe, expect, it } from 'vitest';
import { fileLines } from '../../src/features/lessons/file-lines';

describe("a lab file's lines against the student's", () => {
  const lab = 'env:\n- name: MONGO_CONNSTR\n  value: mongodb://mongodb-svc.default\n- name: PORT\n  value: "4000"\n';

  it('marks only the lines the student does not have', () => {
    const mine = 'env:\n- name: MONGO_CONNSTR\n  value: mongodb://10.244.1.12\n- name: PORT\n  value: "4000"\n';
    expect(fileLines(lab, mine).filter((l) => l.changed).map((l) => l.text)).toEqual(['  value: mongodb://mongodb-svc.default']);
    expect(fileLines(lab, mine)).toHaveLength(5);
  });

  it('counts repeated lines, ignores trailing spaces, and marks nothing without a file of the student', () => {
    expect(fileLines('a\na\nb', 'a  \nb').map((l) => l.changed)).toEqual([false, true, false]);
    expect(fileLines(lab, undefined).some((l) => l.changed)).toBe(false);
    expect(fileLines(lab, lab).some((l) => l.changed)).toBe(false);
  });
});
