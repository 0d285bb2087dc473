// The container image's inputs: .dockerignore keeps the host's node_modules, databases (and their WAL and
// shared-memory files) and reports out of `docker build`'s context while keeping what the build needs; the
// Dockerfile's header does not ask for --init where the image runs tini; and CI's image step builds only
// where a Docker engine answers `docker info`, and otherwise skips cleanly.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/**
 * Whether Docker leaves `path` out of the build context under these .dockerignore lines (moby's rules: a
 * pattern is a path glob from the context root, `**` spans folders, a matched folder takes its contents
 * with it, a `!` line brings a path back, and the last matching line wins).
 */
function ignoredByDocker(lines: string[], path: string): boolean {
  const patterns = lines
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const exception = l.startsWith('!');
      const glob = (exception ? l.slice(1) : l).replace(/^\/+/, '').replace(/\/+$/, '');
      return { exception, regex: globToRegex(glob) };
    });
  const parts = path.split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const { exception, regex } of patterns) {
    if (candidates.some((c) => regex.test(c))) ignored = !exception;
  }
  return ignored;
}

function globToRegex(glob: string): RegExp {
  const segments = glob.split('/').map((segment) =>
    segment === '**'
      ? '(?:.*)'
      : segment
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]'),
  );
  const source = segments.join('/').replace(/\(\?:\.\*\)\//g, '(?:.*/)?');
  return new RegExp(`^${source}$`);
}

describe('.dockerignore', () => {
  const lines = read('.dockerignore').split('\n');

  it('keeps the host node_modules, every database with its WAL, reports and the user config out', () => {
    for (const path of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'db/jobtrend.sqlite',
      'db/jobtrend.sqlite-wal',
      'db/jobtrend.sqlite-shm',
      'data/elsewhere.sqlite',
      'data/elsewhere.sqlite-wal',
      'reports/2026-06-30-ai-trainer-Shanghai.md',
      'reports/charts/growth.svg',
      'jobtrend.config.yaml',
      'dist/src/cli.js',
      '.git/HEAD',
      'tests/fixtures/sources/greenhouse/jobs.json',
    ]) {
      expect(ignoredByDocker(lines, path), path).toBe(true);
    }
  });

  it('keeps everything the image build needs', () => {
    for (const path of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'src/cli.ts',
      'src/taxonomy/cities.json',
      'scrapers/registry.ts',
      'scrapers/china/city-codes.json',
      'bench/run.ts',
      'db/001_init.sql',
      'db/SCHEMA.md',
      'deploy/Dockerfile',
    ]) {
      expect(ignoredByDocker(lines, path), path).toBe(false);
    }
    // tsconfig.json compiles these folders: none of them may be left out.
    const include = (JSON.parse(read('tsconfig.json')) as { include: string[] }).include;
    for (const glob of include) expect(ignoredByDocker(lines, glob.split('/')[0]!), glob).toBe(false);
  });
});

describe('deploy/Dockerfile', () => {
  const dockerfile = read('deploy/Dockerfile');

  it('runs tini as PID 1, and so its header does not tell people to add --init', () => {
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"/m);
    const header = dockerfile.split('\n').filter((l) => l.startsWith('#'));
    const runs = header.filter((l) => /docker run/.test(l));
    expect(runs.length).toBeGreaterThan(0);
    for (const line of runs) expect(line).not.toMatch(/--init/);
    expect(read('docs/scheduling.md')).not.toMatch(/docker run[^\n]*--init/);
  });
});

describe('.ci/build-image', () => {
  const bin = mkdtempSync(join(tmpdir(), 'jobtrend-fake-docker-'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  /** Runs the CI step with a fake `docker` first on PATH: `info` exits with `infoStatus`; calls are logged. */
  function buildWith(infoStatus: number): { status: number | null; stdout: string; calls: string[] } {
    const log = join(bin, 'calls.log');
    writeFileSync(log, '');
    writeFileSync(
      join(bin, 'docker'),
      `#!/bin/sh\necho "$*" >> "${log}"\n[ "$1" = info ] && exit ${infoStatus}\nexit 0\n`,
    );
    chmodSync(join(bin, 'docker'), 0o755);
    const result = spawnSync(join(root, '.ci/build-image'), [], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    return {
      status: result.status,
      stdout: result.stdout,
      calls: readFileSync(log, 'utf8').split('\n').filter(Boolean),
    };
  }

  it('skips cleanly where `docker info` fails (no engine)', () => {
    const run = buildWith(1);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/no Docker engine here \(docker info failed\): container image build skipped/);
    expect(run.calls).toEqual(['info']);
  });

  it('builds deploy/Dockerfile from the repository root where an engine answers', () => {
    const run = buildWith(0);
    expect(run.status).toBe(0);
    expect(run.calls).toEqual(['info', 'build -f deploy/Dockerfile -t jobtrend:ci .']);
  });

  it('is run by .ci/run', () => {
    expect(read('.ci/run')).toMatch(/^\.ci\/build-image$/m);
  });
});
