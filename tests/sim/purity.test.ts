// The engine must stay deterministic: no wall clock, no unseeded randomness, no timers or DOM outside sim/worker.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN: [string, RegExp][] = [
  ['Date', /\bDate\s*[.(]|\bnew\s+Date\b/],
  ['Math.random', /\bMath\.random\b/],
  ['performance', /\bperformance\s*\./],
  ['setTimeout/setInterval', /\b(setTimeout|setInterval|setImmediate|queueMicrotask)\s*\(/],
  ['crypto', /\bcrypto\s*\./],
  ['fetch', /\bfetch\s*\(/],
  ['DOM', /\b(window|document|navigator|localStorage|indexedDB)\s*\./],
  ['self', /\bself\s*[.,)]/],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'worker' || name === 'cli' ? [] : files(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Source without comments and string literals, so prose such as "window" in a description does not count. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");
}

describe('engine purity', () => {
  const engineFiles = files('sim');
  it('covers the engine', () => {
    expect(engineFiles.length).toBeGreaterThan(100);
  });
  it.each(engineFiles)('%s uses no wall clock, chance, timers or DOM', (file) => {
    const src = code(readFileSync(file, 'utf8'));
    for (const [name, pattern] of FORBIDDEN) expect(pattern.test(src), `${file} uses ${name}`).toBe(false);
  });
});
