import { describe, expect, it } from 'vitest';
import { busyboxImage, scriptForArgv } from '../../../sim/apps/busybox';
import { genericImage } from '../../../sim/apps/generic';
import { nginxImage } from '../../../sim/apps/nginx';
import { containerArgv } from '../../../sim/apps/process-args';
import { parseSleepMs } from '../../../sim/apps/tool-commands';
import { FakeWorld, type ContainerOptions } from './fake-world';

function run(opts: Partial<ContainerOptions>, world = new FakeWorld()) {
  const c = world.start(busyboxImage, { podName: 'tools', podIP: '10.244.2.20', image: 'busybox:1.36', ...opts });
  return { world, c };
}

describe('container command and args', () => {
  it('follows the Docker/Kubernetes override rules', () => {
    const image = { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] };
    expect(containerArgv({}, image)).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    expect(containerArgv({ args: ['nginx-debug'] }, image)).toEqual(['/docker-entrypoint.sh', 'nginx-debug']);
    expect(containerArgv({ command: ['sleep'] }, image)).toEqual(['sleep']);
    expect(containerArgv({ command: ['sleep'], args: ['10'] }, image)).toEqual(['sleep', '10']);
  });

  it('parses sleep durations', () => {
    expect(parseSleepMs(['5'])).toBe(5000);
    expect(parseSleepMs(['0.5'])).toBe(500);
    expect(parseSleepMs(['2m', '1s'])).toBe(121_000);
    expect(parseSleepMs(['infinity'])).toBe(Infinity);
    expect(parseSleepMs(['soon'])).toBeUndefined();
  });

  it('reports shell syntax errors as busybox sh does', () => {
    expect(scriptForArgv(['sh', '-c', 'while true; do echo x'])).toEqual({ ok: false, code: 2, message: 'sh: syntax error: unexpected end of file (expecting "done")' });
  });
});

describe('busybox-like tool containers', () => {
  it('with no command runs sh, which exits 0 at once', () => {
    const { world, c } = run({});
    world.advance(10);
    expect(c.exited).toEqual({ code: 0, reason: undefined, at: 0 });
    expect(c.instance.listening(80)).toBe(false);
  });

  it('sleep N exits 0 after N seconds', () => {
    const { world, c } = run({ command: ['sleep', '3600'] });
    world.advance(3_599_000);
    expect(c.exited).toBeUndefined();
    world.advance(1_000);
    expect(c.exited?.code).toBe(0);
  });

  it('ignores SIGTERM as PID 1, so the kubelet must wait out the grace period', () => {
    const { c } = run({ command: ['sleep', '3600'] });
    expect(c.instance.terminate?.()).toBe(Infinity);
  });

  it('sleep infinity and tail -f /dev/null never exit', () => {
    const a = run({ command: ['sleep', 'infinity'] });
    const b = run({ command: ['tail', '-f', '/dev/null'] });
    a.world.advance(86_400_000);
    b.world.advance(86_400_000);
    expect(a.c.exited).toBeUndefined();
    expect(b.c.exited).toBeUndefined();
  });

  it('runs a while loop, logging its echo output every 5 s', () => {
    const { world, c } = run({ command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i from $(hostname)"; sleep 5; done'] });
    world.advance(12_000);
    expect(c.logs).toEqual(['tick 1 from tools', 'tick 2 from tools', 'tick 3 from tools']);
    expect(c.exited).toBeUndefined();
  });

  it('runs args through the image entrypoint and honours exit codes and &&/||', () => {
    const { world, c } = run({ args: ['sh', '-c', 'false && echo no || echo yes; for x in a b; do echo $x; done; exit 3'] });
    world.advance(10);
    expect(c.logs).toEqual(['yes', 'a', 'b']);
    expect(c.exited?.code).toBe(3);
  });

  it('expands variables, arithmetic and defaults, and runs if/test', () => {
    const { world, c } = run({
      command: ['sh', '-c', 'n=3; echo $((n*2+1)) ${UNSET:-dflt} "$HOSTNAME" \'$n\'; if [ "$n" -gt 2 ]; then echo big; else echo small; fi; [ -z "$UNSET" ] && echo empty'],
      env: { GREETING: 'hi' },
    });
    world.advance(10);
    expect(c.logs).toEqual(['7 dflt tools $n', 'big', 'empty']);
    expect(c.exited?.code).toBe(0);
  });

  it('prints env with the container environment', () => {
    const { world, c } = run({ command: ['env'], env: { MONGO_CONNSTR: 'mongodb://mongodb-svc' } });
    world.advance(10);
    expect(c.logs).toContain('MONGO_CONNSTR=mongodb://mongodb-svc');
    expect(c.logs).toContain('HOSTNAME=tools');
  });

  it('reads the resolv.conf, hosts and hostname files the kubelet mounts into the container', () => {
    const { world, c } = run({ command: ['sh', '-c', 'cat /etc/resolv.conf /etc/hostname /etc/hosts'] });
    world.advance(10);
    expect(c.logs.slice(0, 5)).toEqual([
      'search default.svc.cluster.local svc.cluster.local cluster.local', 'nameserver 10.0.0.10', 'options ndots:5', 'tools', '# Kubernetes-managed hosts file.',
    ]);
    expect(c.logs[c.logs.length - 1]).toBe('10.244.2.20\ttools');
    expect(c.exited?.code).toBe(0);
  });

  it('an unknown program fails: 127 inside a script, StartError when exec\'d', () => {
    const a = run({ command: ['sh', '-c', 'nosuchtool --help'] });
    a.world.advance(10);
    expect(a.c.logs).toEqual(['sh: nosuchtool: not found']);
    expect(a.c.exited?.code).toBe(127);
    const b = run({ command: ['/app/server'] });
    b.world.advance(10);
    expect(b.c.exited).toMatchObject({ code: 128, reason: 'StartError' });
  });

  it('wget reaches a service by name, and reports a bad address', () => {
    const world = new FakeWorld();
    const web = world.start(nginxImage, { podName: 'web-1', podIP: '10.244.1.9', image: 'nginx:v1' });
    world.service('web', '10.0.0.80', () => web);
    const { c } = run({ command: ['sh', '-c', 'wget -qO- http://web; wget -qO- http://nosuch:80/ || echo "failed $?"'] }, world);
    world.advance(100);
    expect(c.logs).toEqual(['hello from web-1 (v1)', "wget: bad address 'nosuch:80'", 'failed 1']);
  });

  it('curl reports connection errors with curl\'s exit codes', () => {
    const world = new FakeWorld();
    world.service('empty-svc', '10.0.0.81', () => undefined);
    const { c } = run({ image: 'curlimages/curl:8.12.1', args: ['-sS', 'http://empty-svc:8080/'] }, world);
    world.advance(100);
    expect(c.logs).toEqual(["curl: (7) Failed to connect to empty-svc port 8080 after 1 ms: Couldn't connect to server"]);
    expect(c.exited?.code).toBe(7);
  });
});

describe('generic and known server images', () => {
  it('an unknown image listens on its declared ports after about a second', () => {
    const world = new FakeWorld();
    const c = world.start(genericImage, { podName: 'app-1', podIP: '10.244.1.30', image: 'example.com/team/app:1.0', ports: [{ port: 8080, protocol: 'TCP' }] });
    expect(c.instance.listening(8080)).toBe(false);
    world.advance(1_500);
    expect(c.instance.listening(8080)).toBe(true);
    expect(c.instance.listening(80)).toBe(false);
    expect(c.instance.http!(8080, { method: 'GET', path: '/' }).status).toBe(200);
  });

  it('postgres without a password exits 1 with the entrypoint\'s error', () => {
    const world = new FakeWorld();
    const c = world.start(genericImage, { podName: 'db', podIP: '10.244.1.31', image: 'postgres:16' });
    world.advance(1_000);
    expect(c.logs[0]).toBe('Error: Database is uninitialized and superuser password is not specified.');
    expect(c.exited?.code).toBe(1);
  });

  it('node without a command exits 0 at once', () => {
    const world = new FakeWorld();
    const c = world.start(genericImage, { podName: 'n', podIP: '10.244.1.32', image: 'node:20' });
    world.advance(1_000);
    expect(c.exited?.code).toBe(0);
  });
});
