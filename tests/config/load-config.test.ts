import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { UserError } from '../../src/errors.js';
import { tempDir } from '../support/temp-db.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

function configFile(name: string, text: string): string {
  const path = join(temp.dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadConfig', () => {
  it('a missing file is a UserError naming the path', () => {
    expect(() => loadConfig(join(temp.dir, 'missing.yaml'))).toThrow(UserError);
    expect(() => loadConfig(join(temp.dir, 'missing.yaml'))).toThrow(/missing\.yaml not found/);
  });

  it('YAML that does not parse is one line saying so', () => {
    const path = configFile('broken.yaml', 'sources: [unclosed\n');
    expect(() => loadConfig(path)).toThrow(/cannot be read/);
  });

  it('an unknown top-level field is named', () => {
    const path = configFile('extra.json', JSON.stringify({ sauces: {} }));
    expect(() => loadConfig(path)).toThrow(/sauces/);
  });

  it('a field of the wrong type is named with its path', () => {
    const path = configFile('bad.yaml', 'reports:\n  outDir: 7\n');
    expect(() => loadConfig(path)).toThrow(/reports\.outDir/);
  });

  it('a valid file loads with defaults filled in', () => {
    const path = configFile('ok.yaml', 'sources:\n  remoteok:\n    enabled: true\n');
    const config = loadConfig(path);
    expect(config.sources.remoteok).toEqual({ enabled: true });
    expect(config.reports.outDir).toBe('reports');
  });
});
