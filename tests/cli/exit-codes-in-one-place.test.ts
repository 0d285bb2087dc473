// Exit codes are decided in one place: commands return or throw typed outcomes (src/outcome.ts, src/errors.ts)
// and only src/cli turns them into codes or ends the process. This scans the sources so that a command that
// sets a code itself (or calls process.exit) fails here rather than in review.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
/** Setting an exit code or ending the process: `process.exit(`, `process.exitCode`, `….exitCode = `. */
const SETS_EXIT = /process\.exit(Code)?\b|\bexitCode\s*=(?!=)/;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

function offenders(files: string[]): string[] {
  return files.flatMap((file) =>
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (SETS_EXIT.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('exit codes', () => {
  it('are set only under src/cli (src/cli.ts, the entry point, included)', () => {
    const outside = [...sources('src'), ...sources('scrapers')].filter(
      (file) => !file.startsWith('src/cli/') && file !== 'src/cli.ts',
    );
    expect(outside.length).toBeGreaterThan(100);
    expect(offenders(outside)).toEqual([]);
  });

  it('the scan finds what it looks for', () => {
    expect(offenders(['src/cli/run-process.ts']).length).toBeGreaterThan(0);
  });
});
