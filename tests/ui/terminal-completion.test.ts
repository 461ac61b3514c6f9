import { describe, expect, it } from 'vitest';
import { applyCompletion, commonPrefix, displayName, formatCandidates } from '../../src/features/terminal/completion-list';

describe('applying Tab completion', () => {
  it('completes a single candidate and adds a space, except after a directory', () => {
    expect(applyCompletion('kubectl get nod', 15, { replaceFrom: 12, candidates: ['nodes'] }))
      .toEqual({ kind: 'insert', text: 'kubectl get nodes ', cursor: 18 });
    expect(applyCompletion('ls /ho', 6, { replaceFrom: 3, candidates: ['/home/'] }))
      .toEqual({ kind: 'insert', text: 'ls /home/', cursor: 9 });
    expect(applyCompletion('kubectl get nod -o wide', 15, { replaceFrom: 12, candidates: ['nodes'] }))
      .toEqual({ kind: 'insert', text: 'kubectl get nodes -o wide', cursor: 17 });
  });

  it('completes the common prefix of several candidates, and lists them when it cannot go further', () => {
    expect(applyCompletion('kubectl get pods -n k', 21, { replaceFrom: 20, candidates: ['kube-system', 'kube-public', 'kube-node-lease'] }))
      .toEqual({ kind: 'insert', text: 'kubectl get pods -n kube-', cursor: 25 });
    expect(applyCompletion('kubectl get pods -n kube-', 25, { replaceFrom: 20, candidates: ['kube-system', 'kube-public', 'kube-node-lease'] }))
      .toEqual({ kind: 'list', candidates: ['kube-node-lease', 'kube-public', 'kube-system'] });
    expect(applyCompletion('kubectl get no', 14, { replaceFrom: 12, candidates: ['no', 'nodes'] }))
      .toEqual({ kind: 'list', candidates: ['no', 'nodes'] });
    expect(applyCompletion('cat x', 5, { replaceFrom: 4, candidates: [] })).toEqual({ kind: 'none' });
  });

  it('finds common prefixes and shows paths by their last component', () => {
    expect(commonPrefix(['deploy', 'deployments'])).toBe('deploy');
    expect(commonPrefix(['a', 'b'])).toBe('');
    expect(displayName('/home/')).toBe('home/');
    expect(displayName('manifests/web.yaml')).toBe('web.yaml');
    expect(displayName('nodes')).toBe('nodes');
  });

  it('lays candidates out in columns filled top to bottom, as readline does', () => {
    const names = ['annotate', 'apply', 'auth', 'create', 'delete', 'describe', 'edit', 'get'];
    // Widest is 8, so columns are 10 wide: 3 fit in 32 cells, 3 rows.
    expect(formatCandidates(names, 32)).toEqual([
      'annotate  create    edit',
      'apply     delete    get',
      'auth      describe',
    ]);
    expect(formatCandidates(['a', 'b'], 1)).toEqual(['a', 'b']);
  });
});
