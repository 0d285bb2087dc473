// The report step of a job: turns the job's `report: { role, city, period, out }` into a call to the
// report writer (src/report) and returns the file written. Imported only when a job has a report.
import { isAbsolute, join } from 'node:path';
import type { WriteJobReportOptions } from './job-runner.js';

type WriteReport = (options: Record<string, unknown>) => Promise<{ path: string } | string>;

export async function writeJobReport(options: WriteJobReportOptions): Promise<{ path: string }> {
  // The report writer is written alongside the scheduler; a variable specifier keeps this file compiling
  // while it is absent, and the error below says what is missing instead of a module-resolution trace.
  const specifier = '../report/write-report.js';
  let writeReport: WriteReport | undefined;
  try {
    writeReport = ((await import(specifier)) as { writeReport?: WriteReport }).writeReport;
  } catch {
    writeReport = undefined;
  }
  if (!writeReport) throw new Error('the report writer (src/report/write-report.ts) is not available in this build');
  const outDir = options.config?.reports.outDir ?? 'reports';
  const out = options.report.out ?? outDir;
  const written = await writeReport({
    db: options.db,
    request: {
      ...(options.report.role && { role: options.report.role }),
      ...(options.report.city && { city: options.report.city }),
      ...(options.report.period && { period: options.report.period }),
    },
    out: isAbsolute(out) ? out : join(process.cwd(), out),
    now: options.now,
    signal: options.signal,
  });
  return typeof written === 'string' ? { path: written } : { path: written.path };
}
