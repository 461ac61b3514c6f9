import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_LABS } from '../../src/labs/catalogue';

describe('built-in lab catalogue', () => {
  it('bundles every lab file of src/labs, in module order, with its text', () => {
    const files = readdirSync('src/labs').filter((f) => f.endsWith('.md')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(BUILT_IN_LABS.map((l) => l.id)).toEqual(files.map((f) => f.replace(/\.md$/, '')));
    expect(BUILT_IN_LABS.map((l) => l.id)[0]).toBe('module-1-tour');
    for (const lab of BUILT_IN_LABS) expect(lab.text).toBe(readFileSync(`src/labs/${lab.id}.md`, 'utf8'));
  });
});
