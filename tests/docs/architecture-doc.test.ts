// docs/architecture.md's table of what each part may import is the table dependency-cruiser enforces
// (.dependency-cruiser.cjs): the page a newcomer reads first says what `npm run lint` checks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const rules = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as {
  MAY_IMPORT: Record<string, string[] | '*'>;
};

function documented(): Record<string, string[] | '*'> {
  const page = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const rows = [...page.matchAll(/^\| `([^`]+)` \| [^|]+ \| ([^|]+) \|$/gm)];
  return Object.fromEntries(
    rows.map(([, part, imports]) => {
      const text = imports!.trim();
      return [part!, text === 'anything' ? '*' : text === '—' ? [] : text.split(', ')];
    }),
  );
}

describe('docs/architecture.md', () => {
  it('says what each part may import, as the dependency rules do', () => {
    expect(Object.keys(rules.MAY_IMPORT).length).toBeGreaterThan(20);
    expect(documented()).toEqual(rules.MAY_IMPORT);
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('(docs/architecture.md)');
  });
});
