// Labs beyond the built-in ones: a Markdown file the student picks, or a file on the same site named in the
// address (`?lab=labs/my-lab.md`). Deciding what may be loaded and under which id is pure; reading is not.
import type { LabSource } from '../../../sim/labs/lab-set';

/** The largest lab file the page reads. */
export const MAX_LAB_CHARS = 256_000;

/** `labs/My Lab.md` → `my-lab`: a lab id from a file name (lower case, digits and dashes). Pure. */
export function labIdFromName(name: string): string {
  const base = name.replace(/^.*[/\\]/, '').replace(/\?.*$/, '').replace(/\.(md|markdown|txt)$/i, '');
  const id = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return id === '' ? 'my-lab' : id.slice(0, 80);
}

/** An id for a loaded lab that does not take a built-in lab's place (`module-4-services` → `module-4-services-2`). Pure. */
export function customLabId(name: string, taken: readonly string[]): string {
  const id = labIdFromName(name);
  if (!taken.includes(id)) return id;
  let n = 2;
  while (taken.includes(`${id}-${n}`)) n++;
  return `${id}-${n}`;
}

/** The lab address asked for in a query string (`?lab=…`), if any. Pure. */
export function labParam(search: string): string | undefined {
  const raw = new URLSearchParams(search).get('lab')?.trim();
  return raw ? raw : undefined;
}

/** The step of that lab a link starts at (`?step=…`, a step id), if any. Pure. */
export function stepParam(search: string): string | undefined {
  const raw = new URLSearchParams(search).get('step')?.trim();
  return raw ? raw : undefined;
}

/** Resolves a lab address against the page's; an error text when it leaves the page's own site. Pure. */
export function sameOriginLabUrl(raw: string, pageUrl: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw, pageUrl);
  } catch {
    return `"${raw}" is not an address`;
  }
  const page = new URL(pageUrl);
  if (url.origin !== page.origin || !/^https?:$/.test(url.protocol)) {
    return `labs load only from this site (${page.origin}), not from ${url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol}`;
  }
  return url;
}

/** Fetches a lab file from the page's own site; the source, or what went wrong in words. */
export async function fetchLab(raw: string, pageUrl: string, taken: readonly string[], fetcher: typeof fetch = fetch): Promise<LabSource | string> {
  const url = sameOriginLabUrl(raw, pageUrl);
  if (typeof url === 'string') return url;
  try {
    const response = await fetcher(url, { mode: 'same-origin', credentials: 'same-origin' });
    if (!response.ok) return `${url.pathname} could not be loaded (HTTP ${response.status})`;
    const text = await response.text();
    if (text.length > MAX_LAB_CHARS) return `${url.pathname} is too large for a lab (over ${MAX_LAB_CHARS / 1000} kB)`;
    return { id: customLabId(url.pathname, taken), text };
  } catch (error) {
    return `${url.pathname} could not be loaded (${error instanceof Error ? error.message : 'network error'})`;
  }
}

/** Reads a lab file the student picked; the source, or what went wrong in words. */
export async function readLabFile(file: Pick<File, 'name' | 'size' | 'text'>, taken: readonly string[]): Promise<LabSource | string> {
  if (file.size > MAX_LAB_CHARS) return `${file.name} is too large for a lab (over ${MAX_LAB_CHARS / 1000} kB)`;
  try {
    return { id: customLabId(file.name, taken), text: await file.text() };
  } catch {
    return `${file.name} could not be read`;
  }
}
