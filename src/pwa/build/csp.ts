// The page's Content-Security-Policy, as browsers enforce it from a <meta http-equiv> tag: which scripts, styles,
// workers and connections the built page may use. Scripts run only from the page's own files or by exact hash.
import { createHash } from 'node:crypto';

/** Which build a policy is for: the hosted build (files beside the page) or the single self-contained file. */
export type BuildTarget = 'hosted' | 'single';

/**
 * Why styles allow 'unsafe-inline': the terminal (xterm.js) writes its theme colours and cell sizes into <style>
 * elements and `style` attributes it creates at run time, whose text changes with the theme and the font size,
 * so no hash can list them, and a static host cannot mint nonces. Inline styles cannot run code.
 */
export const STYLE_SOURCES = ["'self'", "'unsafe-inline'"] as const;

/** The 'sha256-…' CSP source for a script or style text, hashed exactly as the browser hashes it. */
export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The bodies of the inline <script> elements of an HTML document (those without a src), in order. Pure. */
export function inlineScripts(html: string): string[] {
  const bodies: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/i.test(m[1])) bodies.push(m[2]);
  }
  return bodies;
}

/** The policy for one build, allowing the given inline script hashes and nothing else inline. Pure. */
export function contentSecurityPolicy(target: BuildTarget, scriptHashes: readonly string[]): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", ...scriptHashes],
    ['style-src', ...STYLE_SOURCES],
    // data: images: the editor's lint underlines and the single file's icon.
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    // The single file starts its worker from a blob: URL made from the inlined worker code.
    ['worker-src', "'self'", ...(target === 'single' ? ['blob:'] : [])],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** The document with a CSP <meta> tag right after <meta charset>, before any script or style it governs. Pure. */
export function withCspMeta(html: string, policy: string): string {
  if (/http-equiv\s*=\s*["']?content-security-policy/i.test(html)) throw new Error('the page already has a CSP meta tag');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  const anchor = /<meta\s+charset\s*=[^>]*>/i.exec(html) ?? /<head[^>]*>/i.exec(html);
  if (!anchor) throw new Error('the page has no <head> for its CSP meta tag');
  const at = anchor.index + anchor[0].length;
  return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
}

/** The built page with its policy: every inline script hashed into script-src. Pure but for hashing. */
export function protectPage(html: string, target: BuildTarget): { html: string; policy: string } {
  const policy = contentSecurityPolicy(target, inlineScripts(html).map(sha256Source));
  return { html: withCspMeta(html, policy), policy };
}
