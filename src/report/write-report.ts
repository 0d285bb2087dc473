// Writing a rendered report to disk: the markdown file in the output folder and its charts in a folder of
// the same name beside it (reports/2026-11-25-ai-trainer-shanghai-2025-10.md + reports/2026-11-25-ai-trainer-shanghai-2025-10/),
// so the relative image links work on GitHub and in any markdown viewer. Writing the same report twice
// replaces it; charts the new report no longer has are removed from its own chart folder.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { RenderedReport } from './render-report.js';

export interface WrittenReport {
  /** Absolute path of the markdown file. */
  markdownPath: string;
  /** Absolute paths of the chart files. */
  files: string[];
}

export function writeReport(outDir: string, report: RenderedReport): WrittenReport {
  const root = resolve(outDir);
  const markdownPath = join(root, report.name);
  const written: string[] = [];
  try {
    mkdirSync(root, { recursive: true });
    const folders = new Set(report.files.map((f) => dirname(join(root, f.name))));
    for (const folder of folders) {
      mkdirSync(folder, { recursive: true });
      const keep = new Set(report.files.map((f) => join(root, f.name)));
      for (const entry of readdirSync(folder)) {
        const path = join(folder, entry);
        if (entry.endsWith('.svg') && !keep.has(path)) rmSync(path, { force: true });
      }
    }
    for (const file of report.files) {
      const path = join(root, file.name);
      if (!path.startsWith(root)) throw new UserError(`refusing to write ${file.name} outside ${root}`);
      writeFileSync(path, file.content, 'utf8');
      written.push(path);
    }
    writeFileSync(markdownPath, report.markdown, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UserError(
      `cannot write the report into ${root} (${reason}): pass --out with a writable folder`,
    );
  }
  return { markdownPath, files: written };
}
