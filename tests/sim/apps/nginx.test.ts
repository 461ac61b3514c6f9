import { describe, expect, it } from 'vitest';
import { helloImage, nginxImage, nginxVersionFor } from '../../../sim/apps/nginx';
import { FakeWorld, get } from './fake-world';

function nginx(image: string, podName = 'web-7d4b9c-x2k8p') {
  const world = new FakeWorld();
  return world.start(nginxImage, { podName, podIP: '10.244.1.9', image, ports: [{ port: 80, protocol: 'TCP' }] });
}

describe('nginx', () => {
  it('listens on 80 at once and logs the entrypoint and worker start-up', () => {
    const c = nginx('nginx:1.25-alpine');
    expect(c.instance.listening(80)).toBe(true);
    expect(c.instance.listening(8080)).toBe(false);
    expect(c.logs[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(c.logs).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(c.logs).toContain('2026/01/01 09:00:00 [notice] 1#1: nginx/1.25.5');
    expect(c.logs).toContain('2026/01/01 09:00:00 [notice] 1#1: start worker processes');
  });

  it('serves the welcome page with a Server header from the tag, and logs the request', () => {
    const c = nginx('nginx:1.25-alpine');
    const res = c.instance.http!(80, { ...get('/'), remoteAddress: '10.244.2.7' } as never);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Welcome to nginx!</title>');
    expect(res.headers?.Server).toBe('nginx/1.25.5');
    expect(res.headers?.['Content-Length']).toBe('615');
    expect(c.logs[c.logs.length - 1]).toBe('10.244.2.7 - - [01/Jan/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.12.1" "-"');
  });

  it('answers 404 with nginx\'s error page for other paths and 405 for POST', () => {
    const c = nginx('nginx');
    const res = c.instance.http!(80, get('/missing'));
    expect(res.status).toBe(404);
    expect(res.body).toContain('<center>nginx/1.29.1</center>');
    expect(c.instance.http!(80, { method: 'POST', path: '/' }).status).toBe(405);
  });

  it('demo tags v1 and v2 answer differently and name the pod', () => {
    const v1 = nginx('nginx:v1', 'web-5f7c9-aaaaa').instance.http!(80, get('/')).body;
    const v2 = nginx('nginx:v2', 'web-6b8d4-bbbbb').instance.http!(80, get('/')).body;
    expect(v1).toBe('hello from web-5f7c9-aaaaa (v1)\n');
    expect(v2).toBe('hello from web-6b8d4-bbbbb (v2)\n');
  });

  it('shuts down gracefully on its stop signal', () => {
    const c = nginx('nginx:1.25');
    expect(c.instance.terminate?.()).toBe(100);
    expect(c.instance.listening(80)).toBe(false);
    expect(c.logs).toContain('2026/01/01 09:00:00 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down');
  });

  it('maps tags to versions', () => {
    expect(['1.25-alpine', '1.14.2', 'stable', 'latest', 'mainline-alpine'].map(nginxVersionFor)).toEqual(['1.25.5', '1.14.2', '1.28.0', '1.29.1', '1.29.1']);
  });

  it('runs a tool command instead of nginx when the container overrides it', () => {
    const world = new FakeWorld();
    const c = world.start(nginxImage, { podName: 'p', podIP: '10.244.1.2', image: 'nginx', command: ['sh', '-c', 'echo hi; sleep 2'] });
    world.advance(1_000);
    expect(c.logs).toEqual(['hi']);
    expect(c.instance.listening(80)).toBe(false);
    world.advance(2_000);
    expect(c.exited?.code).toBe(0);
  });
});

describe('kubesim/hello', () => {
  it('answers on 8080 with its version and pod name', () => {
    const world = new FakeWorld();
    const c = world.start(helloImage, { podName: 'hello-abc', podIP: '10.244.1.3', image: 'kubesim/hello:v3' });
    expect(c.logs).toEqual(['hello v3: listening on :8080']);
    expect(c.instance.listening(8080)).toBe(true);
    expect(c.instance.http!(8080, get('/')).body).toBe('hello from hello-abc (v3)\n');
  });
});
