// Writing a rendered report to disk: the markdown file in the output folder and its charts in a folder of
// the same name beside it (reports/2026-11-25-ai-trainer-shanghai-2025-10.md + reports/2026-11-25-ai-trainer-shanghai-2025-10/),
// so the relative image links work on GitHub and in any markdown viewer; or, for the HTML form, one file that
// holds its charts. Writing the same report twice replaces it, and says so; charts the new report no longer has
// are removed from its own chart folder.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { HtmlReport } from './render-html.js';
import type { RenderedReport } from './render-report.js';

export interface WrittenReport {
  /** Absolute path of the report's file (markdown, or HTML). */
  path: string;
  /** Absolute paths of the chart files (none for the HTML form, which holds them). */
  files: string[];
  /** A report of the same name (same day, subject, period and language) was there and has been replaced. */
  replaced: boolean;
}

export function writeReport(outDir: string, report: RenderedReport | HtmlReport): WrittenReport {
  const root = resolve(outDir);
  const files = 'html' in report ? [] : report.files;
  const path = join(root, report.name);
  const replaced = existsSync(path);
  const written: string[] = [];
  try {
    mkdirSync(root, { recursive: true });
    const folders = new Set(files.map((f) => dirname(join(root, f.name))));
    for (const folder of folders) {
      mkdirSync(folder, { recursive: true });
      const keep = new Set(files.map((f) => join(root, f.name)));
      for (const entry of readdirSync(folder)) {
        const chartPath = join(folder, entry);
        if (entry.endsWith('.svg') && !keep.has(chartPath)) rmSync(chartPath, { force: true });
      }
    }
    for (const file of files) {
      const chartPath = join(root, file.name);
      if (!chartPath.startsWith(root)) throw new UserError(`refusing to write ${file.name} outside ${root}`);
      writeFileSync(chartPath, file.content, 'utf8');
      written.push(chartPath);
    }
    writeFileSync(path, 'html' in report ? report.html : report.markdown, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UserError(
      `cannot write the report into ${root} (${reason}): pass --out with a writable folder`,
    );
  }
  return { path, files: written, replaced };
}
