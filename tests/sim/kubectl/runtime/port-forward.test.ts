import { describe, expect, it } from 'vitest';
import { out, startLab, DATA_API_SVC } from './lab';

describe('kubectl port-forward', () => {
  it('forwards a local port to the pod while it runs in the background, and curl reaches the API', () => {
    const lab = startLab();
    expect(out(lab.sh('kubectl port-forward deploy/data-api 8080:4000 &'))).toEqual({
      stdout: 'Forwarding from 127.0.0.1:8080 -> 4000\nForwarding from [::1]:8080 -> 4000\n', stderr: '[1] 5006\n', exitCode: 0,
    });
    const r = lab.sh('curl -s localhost:8080/api/info');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('Handling connection for 8080\n{"hostname":"')).toBe(true);
    expect(JSON.parse(r.stdout.slice('Handling connection for 8080\n'.length)).mongoDb.connected).toBe(true);
    lab.sh('kill %1');
    expect(out(lab.sh('curl localhost:8080/api/info'))).toEqual({
      stdout: '', stderr: "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n", exitCode: 7,
    });
  });

  it('translates a Service port to the pod\'s target port', () => {
    const lab = startLab(1, { 'data-api.svc.yaml': DATA_API_SVC });
    expect(out(lab.sh('kubectl port-forward svc/data-api-svc 9090:80 &')).stdout).toBe('Forwarding from 127.0.0.1:9090 -> 4000\nForwarding from [::1]:9090 -> 4000\n');
    expect(out(lab.sh('kubectl port-forward svc/data-api-svc 9091:81'))).toEqual({ stdout: '', stderr: 'error: Service data-api-svc does not have a service port 81\n', exitCode: 1 });
    expect(out(lab.sh('kubectl port-forward svc/data-api-svc 9090:80'))).toEqual({
      stdout: '', exitCode: 1,
      stderr: 'Unable to listen on port 9090: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:9090: bind: address already in use unable to create listener: Error listen tcp6 [::1]:9090: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{9090 4000}]\n',
    });
  });

  it('keeps running in the foreground until Ctrl-C', () => {
    const lab = startLab();
    const r = lab.sh('kubectl port-forward deploy/data-api 8080:4000', 5_000);
    expect(out(r)).toEqual({ stdout: 'Forwarding from 127.0.0.1:8080 -> 4000\nForwarding from [::1]:8080 -> 4000\n', stderr: '', exitCode: 130 });
    expect(lab.sim.shell.session().portForwards.size).toBe(0);
  });

  it('gives kubectl\'s usage errors', () => {
    const lab = startLab();
    expect(out(lab.sh('kubectl port-forward'))).toEqual({ stdout: '', stderr: "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n", exitCode: 1 });
    expect(out(lab.sh('kubectl port-forward deploy/data-api'))).toEqual({ stdout: '', stderr: "error: at least 1 PORT is required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n", exitCode: 1 });
    expect(out(lab.sh('kubectl port-forward deploy/data-api x:4000'))).toEqual({ stdout: '', stderr: 'error: Error parsing local port \'x\': strconv.ParseUint: parsing "x": invalid syntax\n', exitCode: 1 });
  });
});
