// Build steps for hosting anywhere: the CSP meta tag written into the finished page (after every other plugin
// has inlined what it inlines), and the single-file page's links made self-contained.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { protectPage, type BuildTarget } from './csp.js';

/** Adds the Content-Security-Policy meta tag to each built HTML page, hashing its inline scripts. */
export function cspMeta(target: BuildTarget): Plugin {
  return {
    name: 'kubesim:csp-meta',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
          const source = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
          const { html, policy } = protectPage(source, target);
          file.source = html;
          this.info(`${file.fileName}: Content-Security-Policy ${policy}`);
        }
      },
    },
  };
}

/** For the single file: the favicon becomes a data: URL; the manifest and touch icon links go (no files beside it). */
export function singleFileLinks(publicDir: string): Plugin {
  return {
    name: 'kubesim:single-file-links',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const icon = readFileSync(resolve(publicDir, 'favicon.svg'));
        const dataUrl = `data:image/svg+xml;base64,${icon.toString('base64')}`;
        return html
          .replace(/<link rel="(manifest|apple-touch-icon)"[^>]*>\s*/g, '')
          .replace(/(<link rel="icon" href=")[^"]*(")/, `$1${dataUrl}$2`);
      },
    },
  };
}
