import { describe, expect, it } from 'vitest';
import { startLab, DATA_API_SVC, out } from '../kubectl/runtime/lab';

describe('network tools on the student\'s machine', () => {
  it('reaches a LoadBalancer IP once it is assigned, and cannot resolve cluster names', () => {
    const lab = startLab(1, { 'data-api.svc.yaml': DATA_API_SVC });
    const svc = lab.sim.get('Service', 'default', 'data-api-svc') as { status?: { loadBalancer?: { ingress?: { ip?: string }[] } } };
    const ip = svc.status?.loadBalancer?.ingress?.[0]?.ip;
    expect(ip).toBeDefined();
    const r = lab.sh(`curl -s http://${ip}/api/info`);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).hostname).toBe(lab.pod('data-api').metadata.name);
    expect(out(lab.sh('curl http://mongodb-svc'))).toEqual({ stdout: '', stderr: 'curl: (6) Could not resolve host: mongodb-svc\n', exitCode: 6 });
    expect(out(lab.sh('nslookup mongodb-svc'))).toEqual({
      stdout: "Server:\t\t168.63.129.16\nAddress:\t168.63.129.16#53\n\n** server can't find mongodb-svc: NXDOMAIN\n\n", stderr: '', exitCode: 1,
    });
    expect(out(lab.sh('ping -c 1 mongodb-svc'))).toEqual({ stdout: '', stderr: 'ping: mongodb-svc: Name or service not known\n', exitCode: 2 });
  });

  it('times out on a ClusterIP from outside, with curl\'s wording', () => {
    const lab = startLab();
    const ip = lab.clusterIP('mongodb-svc');
    expect(out(lab.sh(`curl --max-time 10 http://${ip}:27017/`))).toEqual({ stdout: '', stderr: 'curl: (28) Connection timed out after 10002 milliseconds\n', exitCode: 28 });
    const r = lab.sh(`curl http://${ip}:27017/`);
    expect(out(r)).toEqual({ stdout: '', stderr: `curl: (28) Failed to connect to ${ip} port 27017 after 130000 ms: Couldn't connect to server\n`, exitCode: 28 });
  });

  it('answers public names with dig and nslookup, and saves files with curl -o and wget', () => {
    const lab = startLab();
    expect(out(lab.sh('dig +short example.com'))).toEqual({ stdout: '198.51.100.10\n', stderr: '', exitCode: 0 });
    expect(out(lab.sh('nslookup example.com')).stdout).toBe('Server:\t\t168.63.129.16\nAddress:\t168.63.129.16#53\n\nNon-authoritative answer:\nName:\texample.com\nAddress: 198.51.100.10\n\n');
    expect(out(lab.sh('curl -s -o page.html http://example.com/'))).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(lab.sh('cat page.html').stdout).toBe('<!doctype html><title>example.com</title><p>example.com</p>\n');
    expect(out(lab.sh('wget -qO- http://example.com/')).stdout).toBe('<!doctype html><title>example.com</title><p>example.com</p>\n');
  });
});
