import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_LABS } from '../../src/labs/catalogue';
import { builtInLabsModule } from '../../src/labs/build/built-in-labs';
import { parseLab } from '../../sim/labs/parse-lab';

describe('built-in lab catalogue', () => {
  it('carries every lab file of src/labs, in module order, parsed as the parser parses it', () => {
    const files = readdirSync('src/labs').filter((f) => f.endsWith('.md')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(BUILT_IN_LABS.map((l) => l.id)).toEqual(files.map((f) => f.replace(/\.md$/, '')));
    expect(BUILT_IN_LABS.map((l) => l.id)[0]).toBe('module-1-tour');
    for (const { id, lab } of BUILT_IN_LABS) {
      const parsed = parseLab(id, readFileSync(`src/labs/${id}.md`, 'utf8'));
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      expect(lab).toEqual(JSON.parse(JSON.stringify(parsed.lab)));
    }
  });

  it('fails the build with the file and its problem when a lab does not parse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labs-'));
    writeFileSync(join(dir, 'module-9-broken.md'), '---\ntitle: x\n---\n## No id here\n');
    await expect(builtInLabsModule(dir)).rejects.toThrow(/module-9-broken\.md: .*step heading reads "## Title \{#step-id\}"/);
  });
});
