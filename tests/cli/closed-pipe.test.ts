// A reader that stops early (`| head`) closes the pipe: jobtrend ends quietly with status 0, as Unix tools
// do, instead of printing Node's EPIPE stack trace and exiting 1. Run with the real executable in bash, so
// the pipe is a real one: large outputs (export, query) overrun the pipe's buffer after `head` has left;
// `| true` leaves before the first byte is written, so even a short output (help) meets a closed pipe.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamOutput } from '../../src/cli/output-stream.js';
import { openDatabase } from '../../src/store/database.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { type CompiledTree, compiledCli } from '../support/e2e-build.js';
import { makePosting } from '../support/posting-factory.js';
import { tempDbPath } from '../support/temp-db.js';

let compiled: CompiledTree;
const temp = tempDbPath();

beforeAll(() => {
  compiled = compiledCli();
  const db = openDatabase(temp.path);
  ensureSource(db, { id: 'test', name: 'Test', kind: 'api', base_url: null });
  // About 300 KB of export: several times what a pipe holds (64 KB on Linux).
  const postings = Array.from({ length: 400 }, (_, i) =>
    makePosting({
      source_posting_id: `p${i}`,
      description: `负责大模型数据标注与质检 ${'x'.repeat(600)} ${i}`,
    }),
  );
  upsertPostings(db, postings, { seenAt: '2026-01-01T00:00:00.000Z' });
  db.close();
}, 180_000);

afterAll(() => {
  temp.cleanup();
});

/** Runs `jobtrend ARGS | READER` in bash; jobtrend's own exit status and stderr. */
function piped(args: string[], reader: string): { status: number; stderr: string; stdout: string } {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `"$JOBTREND" --db "$DB" ${quoted} 2>"$ERR" | ${reader}; echo "status=\${PIPESTATUS[0]}"; cat "$ERR"`;
  const result = spawnSync('bash', ['-c', script], {
    encoding: 'utf8',
    env: { ...process.env, JOBTREND: compiled.cli, DB: temp.path, ERR: `${temp.path}.stderr` },
  });
  const match = /status=(\d+)\n([\s\S]*)$/.exec(result.stdout);
  if (!match) throw new Error(`no status in ${result.stdout} ${result.stderr}`);
  return {
    status: Number(match[1]),
    stderr: match[2]!,
    stdout: result.stdout.slice(0, match.index),
  };
}

describe('a closed pipe ends the command quietly with status 0', () => {
  it.each([
    ['export | head -1', ['export'], 'head -1'],
    ['query … | head', ['query', 'SELECT * FROM postings'], 'head'],
    ['help scrape | head -3', ['help', 'scrape'], 'head -3'],
    ['export | true', ['export'], 'true'],
    ['query --json … | true', ['query', '--json', 'SELECT * FROM postings'], 'true'],
    ['help scrape | true', ['help', 'scrape'], 'true'],
    ['status | true', ['status'], 'true'],
  ])('%s', (_name, args, reader) => {
    const result = piped(args, reader);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the reader still gets what it asked for', () => {
    const result = piped(['export'], 'head -1');
    expect(JSON.parse(result.stdout.trim())).toMatchObject({ source_id: 'test' });
    expect(piped(['help', 'scrape'], 'head -3').stdout.split('\n')[0]).toMatch(/^Usage: jobtrend scrape/);
  });
});

describe('streamOutput', () => {
  it('throws OutputClosed on the write after the reader has gone, and drops writes on a closed stderr', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn('true', [], { stdio: ['pipe', 'ignore', 'ignore'] });
    await new Promise((resolve) => child.on('exit', resolve));
    let closedCalls = 0;
    const out = streamOutput(child.stdin, { whenClosed: 'throw', onClosed: () => closedCalls++ });
    const write = () => {
      for (let i = 0; i < 100; i++) out.write(`${'line\n'.repeat(1000)}`);
    };
    expect(write).toThrow(/output was closed/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(closedCalls).toBe(1);

    const other = spawn('true', [], { stdio: ['pipe', 'ignore', 'ignore'] });
    await new Promise((resolve) => other.on('exit', resolve));
    const err = streamOutput(other.stdin, { whenClosed: 'drop' });
    expect(() => {
      for (let i = 0; i < 100; i++) err.write('line\n'.repeat(1000));
    }).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
  });
});
