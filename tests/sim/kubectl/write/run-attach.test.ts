import { describe, expect, it } from 'vitest';
import { newSim, out, sh, stored } from './helpers';

function withWebService() {
  const sim = newSim();
  sh(sim, 'kubectl create deployment web --image=nginx:1.27');
  sh(sim, 'kubectl expose deployment web --port=80');
  sh(sim, 'sleep 20');
  return sim;
}

describe('kubectl run --attach / -i / --rm', () => {
  it('streams a one-shot pod\'s output, then deletes it with --rm (the usual way to test a Service from inside)', () => {
    const sim = withWebService();
    const r = out(sh(sim, 'kubectl run tmp --rm -i --restart=Never --image=busybox:1.36 -- wget -qO- web'));
    expect(r.stdout).toMatch(/^<!DOCTYPE html>\n[\s\S]*<h1>Welcome to nginx!<\/h1>[\s\S]*\npod "tmp" deleted from default namespace\n$/);
    expect(r.stdout).not.toContain('pod/tmp created');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const left = stored(sim, 'Pod', 'tmp');
    expect(left === undefined || left.metadata.deletionTimestamp !== undefined).toBe(true);
  });

  it('exits with the container\'s exit code when a Never pod fails, after --rm has deleted it', () => {
    const sim = withWebService();
    expect(out(sh(sim, 'kubectl run t --rm -i --restart=Never --image=busybox:1.36 -- sh -c "echo hi; exit 3"'))).toEqual({
      stdout: 'hi\npod "t" deleted from default namespace\n', stderr: 'pod default/t terminated (Error)\n', exitCode: 3,
    });
    expect(out(sh(sim, 'kubectl run bad --rm -i --restart=Never --image=busybox:1.36 -- wget -qO- nothere'))).toEqual({
      stdout: 'wget: bad address \'nothere\'\npod "bad" deleted from default namespace\n', stderr: 'pod default/bad terminated (Error)\n', exitCode: 1,
    });
  });

  it('prints the prompt hint with -t, makes an interactive pod OnFailure, and keeps the pod without --rm', () => {
    const sim = withWebService();
    const r = out(sh(sim, 'kubectl run w -it --image=busybox:1.36 -- wget -qO- web'));
    expect(r.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(r.exitCode).toBe(0);
    expect((stored(sim, 'Pod', 'w')!.spec as { restartPolicy?: string }).restartPolicy).toBe('OnFailure');
  });

  it('refuses --rm without attaching, and an interactive shell it cannot attach a terminal to', () => {
    const sim = withWebService();
    expect(out(sh(sim, 'kubectl run x --rm --image=busybox -- true'))).toEqual({
      stdout: '', stderr: 'error: --rm should only be used for attached containers\n', exitCode: 1,
    });
    expect(out(sh(sim, 'kubectl run y --rm -it --image=busybox:1.36 -- sh')).stderr).toMatch(/^error: kubesim does not attach a terminal/);
    expect(stored(sim, 'Pod', 'y')).toBeUndefined();
  });
});
