import { describe, expect, it } from 'vitest';
import { corednsImage } from '../../../sim/apps/coredns';
import { kubeSystemImage } from '../../../sim/apps/kube-system';
import { smilrFrontendImage } from '../../../sim/apps/smilr-frontend';
import { FakeWorld, get } from './fake-world';

describe('smilr frontend', () => {
  it('listens on 3000, serves the app and exposes env vars through /.config', () => {
    const world = new FakeWorld();
    const c = world.start(smilrFrontendImage, {
      podName: 'frontend-6c9f7-abcde', podIP: '10.244.1.40', image: 'myacr.azurecr.io/smilr/frontend',
      env: { API_ENDPOINT: 'http://52.1.2.3/api' },
    });
    expect(c.instance.listening(3000)).toBe(false);
    world.advance(1_000);
    expect(c.logs).toEqual(["### Content dir = '/home/app'", '### Server listening on 3000']);
    expect(c.instance.http!(3000, get('/')).body).toContain('<title>Smilr</title>');
    expect(c.instance.http!(3000, get('/admin/events')).body).toContain('<title>Smilr</title>');
    const config = c.instance.http!(3000, get('/.config/API_ENDPOINT,AAD_CLIENT_ID,HOSTNAME'));
    expect(JSON.parse(config.body)).toEqual({ API_ENDPOINT: 'http://52.1.2.3/api', HOSTNAME: 'frontend-6c9f7-abcde' });
    expect(world.connections).toHaveLength(0);
  });
});

describe('kube-system images', () => {
  it('coredns logs its banner and answers /health and /ready', () => {
    const world = new FakeWorld();
    const c = world.start(corednsImage, { podName: 'coredns-5d78c9869d-abcde', podIP: '10.244.0.2', image: 'registry.k8s.io/coredns/coredns:v1.11.1' });
    expect(c.logs[0]).toBe('.:53');
    expect(c.logs[2]).toBe('CoreDNS-1.11.1');
    expect(c.logs[1]).toMatch(/^\[INFO\] plugin\/reload: Running configuration SHA512 = [0-9a-f]{128}$/);
    world.advance(1_000);
    expect(c.instance.listening(53)).toBe(true);
    expect(c.instance.http!(8080, get('/health')).body).toBe('OK');
    expect(c.instance.http!(8181, get('/ready')).body).toBe('OK');
    expect(c.instance.http!(53, get('/')).status).toBe(0);
  });

  it('kube-proxy logs in klog format and serves /healthz', () => {
    const world = new FakeWorld();
    const c = world.start(kubeSystemImage, { podName: 'kube-proxy-abcde', podIP: '10.224.0.4', image: 'mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.34.0' });
    expect(c.logs[0]).toBe('I0101 09:00:00.000000       1 server_linux.go:53] "Using iptables proxy"');
    expect(c.logs).toContain('I0101 09:00:00.000000       1 server.go:213] "Successfully retrieved NodeIPs" NodeIPs=["10.224.0.4"]');
    expect(c.instance.listening(10256)).toBe(true);
    expect(c.instance.http!(10256, get('/healthz')).body).toBe('ok');
  });
});
