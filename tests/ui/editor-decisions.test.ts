import { describe, expect, it } from 'vitest';
import { diskDecision, lastSettledSeq, leaveReason, type OpenDoc } from '../../src/features/editor/editor-decisions';
import { softTabAt } from '../../src/features/editor/editor-setup';
import type { CommandEntry } from '../../src/lib/command-log';

const edit = { requestId: 1, path: '/tmp/kubectl-edit-1.yaml', title: 'kubectl edit deployment/web' };

describe('following the disk', () => {
  it.each([
    ['unchanged on disk', 'a', 'a', 'a', 'same'],
    ['unchanged on disk, edited in the editor', 'a', 'a2', 'a', 'same'],
    ['the disk now holds the editor text (a save landed)', 'a', 'b', 'b', 'adopt'],
    ['changed by the terminal while clean', 'a', 'a', 'c', 'reload'],
    ['changed by the terminal while edited', 'a', 'b', 'c', 'conflict'],
    ['deleted by the terminal', 'a', 'a', undefined, 'deleted'],
  ] as const)('%s', (_name, saved, buffer, disk, expected) => {
    expect(diskDecision(saved, buffer, disk)).toBe(expected);
  });
});

describe('leaving the shown file', () => {
  const doc: OpenDoc = { path: '/home/student/a.yaml', saved: '' };
  it('opens at once when nothing is shown or the file is clean', () => {
    expect(leaveReason(undefined, false, { path: '/home/student/b.yaml' })).toBeUndefined();
    expect(leaveReason(doc, false, { path: '/home/student/b.yaml' })).toBeUndefined();
    expect(leaveReason(doc, false, { path: '/home/student/b.yaml', edit })).toBeUndefined();
  });
  it('asks when the shown file has unsaved changes', () => {
    expect(leaveReason(doc, true, { path: '/home/student/b.yaml' })).toBe('unsaved');
    expect(leaveReason(doc, true, { path: edit.path, edit })).toBe('unsaved');
    // Writing new content over the file being edited would lose the changes too.
    expect(leaveReason(doc, true, { path: doc.path, content: 'new' })).toBe('unsaved');
    expect(leaveReason(doc, true, { path: doc.path })).toBeUndefined();
  });
  it('asks while a kubectl edit session is open, even when clean', () => {
    const editing: OpenDoc = { path: edit.path, saved: '', edit };
    expect(leaveReason(editing, false, { path: '/home/student/b.yaml' })).toBe('editing');
    expect(leaveReason(editing, false, { path: '/tmp/kubectl-edit-2.yaml', edit: { ...edit, requestId: 2 } })).toBe('editing');
    expect(leaveReason(editing, false, { path: edit.path })).toBeUndefined();
  });
});

describe('commands that answered', () => {
  it('finds the latest answered command', () => {
    const entries: CommandEntry[] = [
      { seq: 1, line: 'a', result: { stdout: '', stderr: '' } },
      { seq: 2, line: 'b', error: 'the cluster is not running' },
      { seq: 3, line: 'c' },
    ];
    expect(lastSettledSeq(entries)).toBe(2);
    expect(lastSettledSeq(entries.slice(2))).toBe(0);
    expect(lastSettledSeq([])).toBe(0);
  });
});

describe('soft tabs', () => {
  it('inserts spaces up to the next two-column stop', () => {
    expect([0, 1, 2, 3, 6].map(softTabAt)).toEqual(['  ', ' ', '  ', ' ', '  ']);
  });
});
