import { describe, expect, it } from 'vitest';
import { EditorOpener } from '../../src/features/editor/editor-opener.svelte';

describe('EditorOpener', () => {
  it('queues files to open under ~ and hands them over once', () => {
    const opener = new EditorOpener();
    opener.openFile('mongo.svc.yaml');
    opener.openText('~/k8s/web.yaml', 'kind: Service\n');
    opener.openFile('/tmp/notes.txt');
    expect(opener.pending).toHaveLength(3);
    expect(opener.take()).toEqual([
      { path: '/home/student/mongo.svc.yaml' },
      { path: '/home/student/k8s/web.yaml', content: 'kind: Service\n' },
      { path: '/tmp/notes.txt' },
    ]);
    expect(opener.pending).toEqual([]);
    expect(opener.take()).toEqual([]);
  });
});
