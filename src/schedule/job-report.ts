// The report step of a job: `report: { role, city, period, out, lang }` becomes a trend report gathered from the
// database, rendered and written like `jobtrend report` does (into `out`, else the config's reports.outDir; in
// `lang`, else the config's reports.lang).
// Imported only when a job with a report runs.
import { gatherReport } from '../report/gather-report.js';
import { renderReport } from '../report/render-report.js';
import { writeReport } from '../report/write-report.js';
import type { WriteJobReportOptions } from './job-run-types.js';

export async function writeJobReport(options: WriteJobReportOptions): Promise<{ path: string }> {
  const { report, now } = options;
  const data = gatherReport(options.db, {
    now,
    ...(report.role && { role: report.role }),
    ...(report.city && { city: report.city }),
    ...(report.period && { period: report.period }),
  });
  const written = writeReport(
    report.out ?? options.config?.reports.outDir ?? 'reports',
    renderReport(data, { now, lang: report.lang ?? options.config?.reports.lang ?? 'en' }),
  );
  return { path: written.path };
}
