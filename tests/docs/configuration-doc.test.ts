// docs/configuration.md lists every setting of the config file with its type, default and meaning. This test
// reads the settings from the zod schemas themselves (tests/docs/config-settings.ts) and fails when the page
// misses one, lists one that does not exist, or gives another type or default than the code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scrapers } from '../../scrapers/registry.js';
import { ENGINE_SOURCE_KEYS } from '../../src/engine/source-settings.js';
import { configSettings, type Setting, sourceSettings } from './config-settings.js';

const doc = readFileSync(join(import.meta.dirname, '../../docs/configuration.md'), 'utf8');

interface Row {
  path: string;
  type: string;
  default: string;
  meaning: string;
}

/** The rows `| `path` | type | default | meaning |` of the page's setting tables. */
function documentedRows(): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const m of doc.matchAll(/^\| `([^`]+)` \| (.*?) \| (.*?) \| (.*) \|$/gm)) {
    const row = { path: m[1]!, type: m[2]!, default: m[3]!, meaning: m[4]! };
    expect(rows.has(row.path), `${row.path} is listed twice`).toBe(false);
    rows.set(row.path, row);
  }
  return rows;
}

/** What a missing row should start as, so the failure says exactly what to add. */
const skeleton = (s: Setting) => `| \`${s.path}\` | ${s.type} | ${s.default} | … |`;

function expected(): Setting[] {
  const engineKeys = ENGINE_SOURCE_KEYS.map((key) => `sources.<id>.${key}`);
  return [
    ...configSettings(),
    ...engineKeys.map((path) => ({ path, type: '', default: '' })),
    ...[...sourceSettings().values()].flat(),
  ];
}

describe('docs/configuration.md', () => {
  it('lists every setting of the config schema, and only those', () => {
    const rows = documentedRows();
    const settings = expected();
    const missing = settings.filter((s) => !rows.has(s.path)).map(skeleton);
    expect(missing, 'settings missing from docs/configuration.md').toEqual([]);
    const known = new Set(settings.map((s) => s.path));
    // Environment variables are the page's other table: `| variable | meaning |`, two columns, not matched.
    const unknown = [...rows.keys()].filter((path) => !known.has(path));
    expect(unknown, 'rows for settings the code does not have').toEqual([]);
  });

  it('gives each setting the type and default the code has, and a meaning', () => {
    const rows = documentedRows();
    const wrong = expected()
      .filter((s) => s.type !== '')
      .filter((s) => {
        const row = rows.get(s.path);
        return row && (row.type !== s.type || row.default !== s.default);
      })
      .map((s) => ({
        path: s.path,
        page: `${rows.get(s.path)!.type} | ${rows.get(s.path)!.default}`,
        code: `${s.type} | ${s.default}`,
      }));
    expect(wrong).toEqual([]);
    for (const row of rows.values()) expect(row.meaning.trim().length, row.path).toBeGreaterThan(10);
  });

  it('has a section for every source', () => {
    for (const scraper of scrapers) {
      expect(doc, scraper.id).toMatch(new RegExp(`^### ${scraper.id} — `, 'm'));
    }
  });

  it('is linked from the README and the example config', () => {
    expect(readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8')).toMatch(
      /\]\(docs\/configuration\.md\)/,
    );
    expect(readFileSync(join(import.meta.dirname, '../../jobtrend.config.example.yaml'), 'utf8')).toMatch(
      /docs\/configuration\.md/,
    );
  });
});
