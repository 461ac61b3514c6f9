import { describe, expect, it } from 'vitest';
import { out, startLab } from './lab';

const BUSYBOX_POD = `apiVersion: v1
kind: Pod
metadata:
  name: tools
spec:
  containers:
  - name: tools
    image: busybox:1.36
    command: ["sleep", "3600"]
  - name: sidecar
    image: busybox:1.36
    command: ["sleep", "3600"]
`;

describe('kubectl exec', () => {
  it('answers busybox 1.36 nslookup as its own resolver does: A and AAAA per search domain, no ndots', () => {
    const lab = startLab();
    const ip = lab.clusterIP('mongodb-svc');
    const head = 'Server:\t\t10.0.0.10\nAddress:\t10.0.0.10:53\n\n';
    const nx = (n: string) => `** server can't find ${n}: NXDOMAIN\n\n`;
    const found = `Name:\tmongodb-svc.default.svc.cluster.local\nAddress: ${ip}\n\n`;
    // A dotless name is asked under each search domain (never as given), for A then AAAA; the AAAA answer for the
    // Service is empty (a lone blank line), and the failed candidates make the exit status 1.
    expect(out(lab.sh('kubectl exec deploy/data-api -- nslookup mongodb-svc'))).toEqual({
      stdout: `${head}${found}${nx('mongodb-svc.svc.cluster.local')}${nx('mongodb-svc.cluster.local')}\n${nx('mongodb-svc.svc.cluster.local')}${nx('mongodb-svc.cluster.local')}`,
      stderr: 'command terminated with exit code 1\n', exitCode: 1,
    });
    // A name with a dot is asked only as given, so the namespace-qualified short name is not found.
    expect(out(lab.sh('kubectl exec deploy/data-api -- nslookup mongodb-svc.default'))).toEqual({
      stdout: `${head}${nx('mongodb-svc.default')}${nx('mongodb-svc.default')}`, stderr: 'command terminated with exit code 1\n', exitCode: 1,
    });
    expect(out(lab.sh('kubectl exec deploy/data-api -- nslookup mongodb-svc.default.svc.cluster.local'))).toEqual({ stdout: `${head}${found}\n`, stderr: '', exitCode: 0 });
    const pod = lab.pod('data-api').metadata.name;
    expect(out(lab.sh(`kubectl exec -it ${pod} -- nslookup mongodb-svc.default.svc.cluster.local`)).stdout).toBe(`${head}${found}\n`);
  });

  it('reports NXDOMAIN for every query busybox nslookup sends and exits 1, as kubectl relays it', () => {
    const lab = startLab();
    const r = lab.sh('kubectl exec deploy/data-api -- nslookup mongo');
    const nx = (n: string) => `** server can't find ${n}: NXDOMAIN\n\n`;
    const all = `${nx('mongo.default.svc.cluster.local')}${nx('mongo.svc.cluster.local')}${nx('mongo.cluster.local')}`;
    expect(out(r)).toEqual({
      stdout: `Server:\t\t10.0.0.10\nAddress:\t10.0.0.10:53\n\n${all}${all}`,
      stderr: 'command terminated with exit code 1\n', exitCode: 1,
    });
  });

  it('turns an address into a PTR query and prints SRV answers without the trailing dot (busybox 1.36)', () => {
    const lab = startLab();
    const ip = lab.clusterIP('mongodb-svc');
    const rev = ip.split('.').reverse().join('.');
    const head = 'Server:\t\t10.0.0.10\nAddress:\t10.0.0.10:53\n\n';
    expect(out(lab.sh(`kubectl exec deploy/data-api -- nslookup ${ip}`))).toEqual({
      stdout: `${head}${rev}.in-addr.arpa\tname = mongodb-svc.default.svc.cluster.local\n\n`, stderr: '', exitCode: 0,
    });
    expect(out(lab.sh('kubectl exec deploy/data-api -- nslookup -type=srv _https._tcp.kubernetes.default.svc.cluster.local'))).toEqual({
      stdout: `${head}_https._tcp.kubernetes.default.svc.cluster.local\tservice = 0 100 443 kubernetes.default.svc.cluster.local\n\n`, stderr: '', exitCode: 0,
    });
    const usage = lab.sh('kubectl exec deploy/data-api -- nslookup');
    expect(usage.exitCode).toBe(1);
    expect(usage.stderr).toContain('Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n');
  });

  it('answers bind nslookup with the search list, reverse lookups with the trailing dot, and dig NODATA as NOERROR', () => {
    const lab = startLab();
    lab.sh('kubectl run dns --image=tutum/dnsutils --restart=Never -- sleep 3600');
    lab.sh('sleep 20');
    const ip = lab.clusterIP('mongodb-svc');
    const head = 'Server:\t\t10.0.0.10\nAddress:\t10.0.0.10#53\n\n';
    expect(out(lab.sh('kubectl exec dns -- nslookup mongodb-svc.default'))).toEqual({
      stdout: `${head}Name:\tmongodb-svc.default.svc.cluster.local\nAddress: ${ip}\n\n`, stderr: '', exitCode: 0,
    });
    expect(out(lab.sh(`kubectl exec dns -- nslookup ${ip}`)).stdout)
      .toBe(`${head}${ip.split('.').reverse().join('.')}.in-addr.arpa\tname = mongodb-svc.default.svc.cluster.local.\n\n`);
    expect(out(lab.sh('kubectl exec dns -- nslookup nope'))).toEqual({
      stdout: `${head}** server can't find nope: NXDOMAIN\n\n`, stderr: 'command terminated with exit code 1\n', exitCode: 1,
    });
    expect(lab.sh('kubectl exec dns -- dig mongodb-svc.default.svc.cluster.local AAAA').stdout).toContain('status: NOERROR');
    expect(lab.sh('kubectl exec dns -- dig nope.default.svc.cluster.local').stdout).toContain('status: NXDOMAIN');
  });

  it('prints busybox 1.28\'s older nslookup: padded headers, numbered addresses with their PTR names', () => {
    const lab = startLab();
    lab.sh('kubectl run bb --image=busybox:1.28 --restart=Never -- sleep 3600');
    lab.sh('sleep 15');
    const ip = lab.clusterIP('mongodb-svc');
    const server = 'Server:    10.0.0.10\nAddress 1: 10.0.0.10 kube-dns.kube-system.svc.cluster.local\n\n';
    expect(out(lab.sh('kubectl exec bb -- nslookup kubernetes.default'))).toEqual({
      stdout: `${server}Name:      kubernetes.default\nAddress 1: 10.0.0.1 kubernetes.default.svc.cluster.local\n`, stderr: '', exitCode: 0,
    });
    expect(out(lab.sh('kubectl exec bb -- nslookup mongodb-svc'))).toEqual({
      stdout: `${server}Name:      mongodb-svc\nAddress 1: ${ip} mongodb-svc.default.svc.cluster.local\n`, stderr: '', exitCode: 0,
    });
    expect(out(lab.sh('kubectl exec bb -- nslookup mongo'))).toEqual({
      stdout: server, stderr: "nslookup: can't resolve 'mongo'\ncommand terminated with exit code 1\n", exitCode: 1,
    });
  });

  it('shows the pod\'s resolv.conf, hostname and environment (with service links)', () => {
    const lab = startLab();
    const pod = lab.pod('data-api').metadata.name;
    const ip = lab.clusterIP('mongodb-svc');
    expect(out(lab.sh('kubectl exec deploy/data-api -- cat /etc/resolv.conf'))).toEqual({
      stdout: 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.0.0.10\noptions ndots:5\n', stderr: '', exitCode: 0,
    });
    expect(out(lab.sh(`kubectl exec ${pod} -- hostname`))).toEqual({ stdout: `${pod}\n`, stderr: '', exitCode: 0 });
    expect(out(lab.sh("kubectl exec deploy/data-api -- sh -c 'env | grep MONGODB_SVC_SERVICE'"))).toEqual({
      stdout: `MONGODB_SVC_SERVICE_HOST=${ip}\nMONGODB_SVC_SERVICE_PORT=27017\n`, stderr: '', exitCode: 0,
    });
  });

  it('never gets an answer from a ClusterIP to ping, but does from a pod IP', () => {
    const lab = startLab();
    const ip = lab.clusterIP('mongodb-svc');
    expect(out(lab.sh('kubectl exec deploy/data-api -- ping -c 2 mongodb-svc'))).toEqual({
      stdout: `PING mongodb-svc (${ip}): 56 data bytes\n\n--- mongodb-svc ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\n`,
      stderr: 'command terminated with exit code 1\n', exitCode: 1,
    });
    const podIP = lab.pod('mongodb').status!.podIP!;
    const r = lab.sh(`kubectl exec deploy/data-api -- ping -c 1 ${podIP}`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`PING ${podIP} (${podIP}): 56 data bytes\n64 bytes from ${podIP}: seq=0 ttl=64 time=0.040 ms\n\n--- ${podIP} ping statistics ---\n1 packets transmitted, 1 packets received, 0% packet loss\nround-trip min/avg/max = 0.040/0.040/0.040 ms\n`);
  });

  it('reaches the app through its Service and through localhost with wget', () => {
    const lab = startLab();
    const viaLocalhost = lab.sh('kubectl exec deploy/data-api -- wget -qO- http://localhost:4000/api/info');
    expect(viaLocalhost.exitCode).toBe(0);
    expect(JSON.parse(viaLocalhost.stdout).hostname).toBe(lab.pod('data-api').metadata.name);
    expect(out(lab.sh('kubectl exec deploy/data-api -- wget -qO- http://nosuch-svc/'))).toEqual({
      stdout: '', stderr: "wget: bad address 'nosuch-svc'\ncommand terminated with exit code 1\n", exitCode: 1,
    });
  });

  it('announces a busybox wget -O- download on stderr: connecting, writing to stdout, the bar, written to stdout', () => {
    const lab = startLab();
    lab.sh('kubectl expose deployment data-api --name=data-api-svc --port=80 --target-port=4000');
    lab.sh('sleep 2');
    const ip = lab.clusterIP('data-api-svc');
    const r = lab.sh('kubectl exec deploy/data-api -- wget -O- http://data-api-svc/api/info');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).hostname).toBe(lab.pod('data-api').metadata.name);
    const lines = r.stderr.split('\n');
    expect(lines.slice(0, 2)).toEqual([`Connecting to data-api-svc (${ip}:80)`, 'writing to stdout']);
    expect(lines[2]).toMatch(/^- {19} 100% \|\*{32}\| +\d+  0:00:00 ETA$/);
    expect(lines.slice(3)).toEqual(['written to stdout', '']);
  });

  it('gives an exec\'d process only the service links of Services that existed when the container started', () => {
    const lab = startLab();
    lab.sh('kubectl expose deployment data-api --name=late-svc --port=80 --target-port=4000');
    lab.sh('sleep 2');
    expect(out(lab.sh('kubectl exec deploy/data-api -- printenv LATE_SVC_SERVICE_HOST'))).toEqual({ stdout: '', stderr: 'command terminated with exit code 1\n', exitCode: 1 });
    expect(lab.sh('kubectl exec deploy/data-api -- printenv MONGODB_SVC_SERVICE_HOST').stdout).toBe(`${lab.clusterIP('mongodb-svc')}\n`);
    lab.sh('kubectl delete pod -l app=data-api');
    lab.sh('sleep 60');
    expect(lab.sh('kubectl exec deploy/data-api -- printenv LATE_SVC_SERVICE_HOST').stdout).toBe(`${lab.clusterIP('late-svc')}\n`);
  });

  it('fails like the container runtime when the image has no such program', () => {
    const lab = startLab();
    const r = lab.sh('kubectl exec deploy/mongodb -- nslookup mongodb-svc');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nslookup": executable file not found in \$PATH: unknown\n$/);
    expect(out(lab.sh('kubectl exec deploy/mongodb -- cat /etc/hostname')).stdout).toBe(`${lab.pod('mongodb').metadata.name}\n`);
  });

  it('relays a non-zero exit status and kubectl\'s usage errors', () => {
    const lab = startLab();
    expect(out(lab.sh("kubectl exec deploy/data-api -- sh -c 'exit 3'"))).toEqual({ stdout: '', stderr: 'command terminated with exit code 3\n', exitCode: 3 });
    expect(out(lab.sh('kubectl exec deploy/data-api'))).toEqual({ stdout: '', stderr: 'error: you must specify at least one command for the container\n', exitCode: 1 });
    expect(out(lab.sh('kubectl exec -- date'))).toEqual({ stdout: '', stderr: 'error: pod, type/name or --filename must be specified\n', exitCode: 1 });
    const noDash = "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n";
    expect(out(lab.sh('kubectl exec deploy/data-api hostname'))).toEqual({ stdout: '', stderr: noDash, exitCode: 1 });
    expect(out(lab.sh('kubectl exec -it deploy/data-api sh'))).toEqual({ stdout: '', stderr: noDash, exitCode: 1 });
    expect(out(lab.sh('kubectl exec nope -- date'))).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(out(lab.sh('kubectl exec deploy/nope -- date'))).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 });
    expect(out(lab.sh('kubectl exec cm/nope -- date'))).toEqual({ stdout: '', stderr: 'Error from server (NotFound): configmaps "nope" not found\n', exitCode: 1 });
    expect(out(lab.sh('kubectl exec cm/kube-root-ca.crt -- date'))).toEqual({ stdout: '', stderr: 'error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n', exitCode: 1 });
  });

  it('defaults to the first container with a notice, and rejects an unknown -c', () => {
    const lab = startLab(1, { 'tools.yaml': BUSYBOX_POD });
    expect(out(lab.sh('kubectl exec tools -- hostname'))).toEqual({ stdout: 'tools\n', stderr: 'Defaulted container "tools" out of: tools, sidecar\n', exitCode: 0 });
    expect(out(lab.sh('kubectl exec tools -c sidecar -- hostname'))).toEqual({ stdout: 'tools\n', stderr: '', exitCode: 0 });
    expect(out(lab.sh('kubectl exec tools -c nope -- hostname'))).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): container nope is not valid for pod tools\n', exitCode: 1 });
  });

  it('says plainly that an interactive shell is not simulated, and runs a script given on stdin', () => {
    const lab = startLab();
    expect(out(lab.sh('kubectl exec -it deploy/data-api -- sh'))).toEqual({
      stdout: '', stderr: "kubesim: interactive shells are not simulated; run one command at a time, e.g. kubectl exec POD -- sh -c 'cat /etc/resolv.conf'\n", exitCode: 1,
    });
    expect(out(lab.sh('kubectl exec -i deploy/data-api -- sh <<EOF\necho one\necho two\nEOF'))).toEqual({ stdout: 'one\ntwo\n', stderr: '', exitCode: 0 });
  });
});
