// Text from postings never reaches a terminal with its control characters: on a terminal, `query` (a table,
// --json or --csv), every other command's output and every error line show them escaped (\u001b), so a
// scraped title cannot clear the screen, plant a link or retitle the window. Pipes get the data as stored.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/database.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { escapeControl } from '../../src/text/terminal-text.js';
import { makePosting } from '../support/posting-factory.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-terminal-');
const db = join(dir, 'jobs.sqlite');
/** Clear the screen, a hidden hyperlink (OSC 8), a window title (OSC 0), DEL, a C1 CSI, a bidi override. */
const HOSTILE =
  'AI训练师\u001b[2J\u001b]8;;https://evil.test\u0007点这里\u001b]8;;\u0007\u001b]0;pwned\u0007\u007f\u009b31m\u202e';
/** Whether `text` holds a control character a terminal would obey (line breaks and tabs aside). */
const hasRawControl = (text: string) =>
  [...text].some((c) => (/\p{Cc}/u.test(c) && c !== '\n' && c !== '\t') || /[\u202a-\u202e]/.test(c));

beforeAll(() => {
  const store = openDatabase(db);
  ensureSource(store, { id: 'test', name: 'test', kind: 'api', base_url: null }, '2026-01-01T00:00:00Z');
  upsertPostings(store, [makePosting({ source_posting_id: 'evil', title: HOSTILE })], {
    seenAt: '2026-01-02T00:00:00.000Z',
  });
  store.close();
});
afterAll(cleanup);

describe('on a terminal', () => {
  it.each([[[]], [['--json']], [['--csv']]])('query %s shows control characters escaped', async (flags) => {
    const r = await runCli(['--db', db, 'query', ...flags, 'SELECT title FROM postings'], {}, undefined, {
      tty: true,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(hasRawControl(r.stdout)).toBe(false);
    expect(r.stdout).toContain('\\u001b[2J');
    expect(r.stdout).toContain('AI训练师');
  });

  it('export to a terminal shows them escaped too', async () => {
    const r = await runCli(['--db', db, 'export', '--all', '--format', 'csv'], {}, undefined, { tty: true });
    expect(r.code, r.stderr).toBe(0);
    expect(hasRawControl(r.stdout)).toBe(false);
  });

  it('into a pipe, the rows are the data as stored', async () => {
    const r = await runCli(['--db', db, 'query', '--csv', 'SELECT title FROM postings']);
    expect(r.stdout).toContain(HOSTILE);
  });
});

describe('error lines', () => {
  it("importing a binary file says so in one line, its header's bytes escaped", async () => {
    const binary = join(dir, 'program.csv');
    writeFileSync(
      binary,
      // An executable's first bytes: its header, then more of it on the following "lines".
      Buffer.concat([
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0x1b, 0x5b, 0x32, 0x4a, 0xc2, 0x9b, 0x0a]),
        Buffer.alloc(64, 7),
        Buffer.from([0x0a, 0, 0, 0x2c, 0x1b, 0x0a]),
      ]),
    );
    const r = await runCli(['--db', db, 'import', binary]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^jobtrend: the file is not a dataset: its first row holds binary bytes \(.*\); give a CSV/,
    );
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(hasRawControl(r.stderr)).toBe(false);
    expect(r.stderr).toContain('\\u001b[2J');
  });
});

describe('log lines on a terminal', () => {
  it('escape the control characters of logged text (the JSON lines elsewhere escape them as JSON does)', () => {
    let out = '';
    const destination = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    const logger = createLogger({ pretty: true, destination });
    logger.warn({ error: `blocked: ${HOSTILE}` }, `page ${HOSTILE}`);
    expect(out).not.toContain('\u001b[2J');
    expect(out).not.toContain('\u001b]8;;');
    expect(out).toContain(escapeControl('\u001b[2J'));
  });
});
