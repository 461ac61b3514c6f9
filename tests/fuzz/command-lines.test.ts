// Property: whatever a student types, the terminal answers without crashing, every failing kubectl command says
// why on stderr, and the cluster stays consistent. FUZZ_LINES sets the count (`npm run fuzz:long`: a million).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FUZZ_SEED } from './fuzz-seed';
import { commandLine, kubectlLine } from './command-generators';
import { ShellHarness } from './shell-harness';

const LINES = Number(process.env.FUZZ_LINES ?? 100_000);
const SETTLE_EVERY = 2_000;

describe('random command lines', () => {
  it(`runs ${LINES} generated lines with no crash, explained failures and a consistent cluster`, () => {
    const h = new ShellHarness(7);
    const kubectlOnly = fc.sample(kubectlLine, { numRuns: 1, seed: 1 }).length === 1;
    expect(kubectlOnly).toBe(true);
    let n = 0;
    fc.assert(fc.property(commandLine, (line) => {
      const before = h.bugs.length;
      const r = h.run(line);
      if (h.bugs.length > before) throw new Error(`the shell crashed on ${JSON.stringify(line)}:\n${h.bugs.slice(before).join('\n')}`);
      // A single kubectl command (no operators, no quotes left open) must say why it failed.
      if (/^kubectl [^|&;<>`$#\\'"]*$/.test(line) && r.exitCode !== 0 && !r.interrupted && r.stderr.trim() === '') {
        throw new Error(`exit ${r.exitCode} without a message for ${JSON.stringify(line)}; stdout: ${JSON.stringify(r.stdout.slice(0, 200))}`);
      }
      if (++n % SETTLE_EVERY === 0) h.settle(3_000);
    }), { numRuns: LINES, seed: FUZZ_SEED });
  }, 600_000);
});
