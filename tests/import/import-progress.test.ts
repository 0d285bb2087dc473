// `jobtrend import` on a terminal counts the rows read with their rate, in place, and clears the line before
// its summary; off a terminal stderr stays empty.
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-import-progress-');
afterAll(cleanup);
const dataset = resolve(import.meta.dirname, '../../examples/datasets/ai-jobs.csv');

async function importOn(isTTY: boolean, name: string): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await run(['--db', join(dir, `${name}.sqlite`), 'import', dataset], {
    out: { write: () => {}, isTTY: false },
    err: { write: (t) => (err += t), isTTY },
    env: {},
  });
  return { code, err };
}

describe('import progress', () => {
  it('on a terminal: rows read and their rate, redrawn in place, cleared at the end', async () => {
    const { code, err } = await importOn(true, 'tty');
    expect(code).toBe(0);
    expect(err.replaceAll('\x1b', 'ESC')).toMatch(/^\r4 rows read \| [\d,]+\/sESC\[K/);
    expect(err.endsWith('\r\x1b[K')).toBe(true);
  });

  it('elsewhere: nothing on stderr', async () => {
    const { code, err } = await importOn(false, 'plain');
    expect(code).toBe(0);
    expect(err).toBe('');
  });
});
