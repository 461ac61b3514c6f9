// Tiny simulated images for node-side unit tests: a web server, one that crashes, one that starts slowly.
import type { AppImage, AppInstance } from '../../sim/apps/app';
import type { ImageService, PullOutcome } from '../../sim/controllers/kubelet-images';

export function webImage(id: string, opts: { readyAfterMs?: number; exitAfterMs?: number; exitCode?: number } = {}): AppImage {
  return {
    id, sizeBytes: 40_000_000,
    matches: (ref) => ref.startsWith(id),
    start(ctx): AppInstance {
      let listening = (opts.readyAfterMs ?? 0) === 0;
      ctx.log(`${id} starting on ${ctx.podName}`);
      if (!listening) ctx.after(opts.readyAfterMs!, () => { listening = true; ctx.log('listening'); });
      if (opts.exitAfterMs !== undefined) ctx.after(opts.exitAfterMs, () => ctx.exit(opts.exitCode ?? 1));
      return {
        listening: (port) => listening && ctx.containerPorts.some((p) => p.port === port),
        http: () => ({ status: 200, body: `hello from ${ctx.podName}\n` }),
      };
    },
  };
}

/** An image service over the given images; references starting with `missing/` fail to pull. */
export function fakeImageService(images: AppImage[]): ImageService {
  return {
    appFor: (ref) => images.find((i) => i.matches(ref)) ?? images[0],
    pull: (ref): PullOutcome => (ref.startsWith('missing/')
      ? { ok: false, reason: 'ErrImagePull', message: `failed to pull and unpack image "docker.io/${ref}": not found` }
      : { ok: true, digest: 'sha256:0123', sizeBytes: 40_000_000 }),
    normalize: (ref) => `docker.io/library/${ref.includes(':') ? ref : `${ref}:latest`}`,
  };
}
