// `jobtrend reindex`: after a taxonomy change, recompute every stored posting's roles and skills from the stored
// title and description, its places (city, district, region, country, and every other place it names) from the
// stored location text, its pay's inferred currency and plausibility, and with --dedup its dedup key, in
// batches, without fetching anything.
// Also refreshes the names in the roles and skills tables, stores each source's posting lifetime from the
// config (sources.<id>.lifetimeDays, default 30), and recomputes which postings are backlog.
import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { createProgressLine } from '../cli/progress-line.js';
import { configuredLifetimes } from '../config/source-lifetimes.js';
import { UsageError } from '../errors.js';
import { Interrupted } from '../outcome.js';
import { reclassify } from '../pipeline/index.js';
import { reindexDatabase } from '../store/reindex-store.js';
import { withExamples } from './help.js';

interface ReindexOptions {
  dedup?: boolean;
  batchSize: string;
}

export function define(context: CliContext): Command {
  const command = new Command('reindex')
    .description(
      'recompute roles, skills, places and pay flags of every stored posting after a taxonomy change (no re-fetch)',
    )
    .option('--dedup', 'also recompute dedup keys (after a change to the dedup rule or the city list)')
    .option('--batch-size <n>', 'postings per transaction', '1000')
    .action((options: ReindexOptions) => {
      const batchSize = Number(options.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
        throw new UsageError(
          `--batch-size must be a whole number from 1 to 100000, got "${options.batchSize}"`,
        );
      }
      const lifetimes = configuredLifetimes(context.config());
      const db = context.openDb({ mustExist: true });
      try {
        const dedup = options.dedup === true;
        const progress = createProgressLine(context.err, { unit: 'postings reindexed' });
        let result: ReturnType<typeof reindexDatabase>;
        try {
          result = reindexDatabase(db, {
            batchSize,
            lifetimes,
            signal: context.signal,
            classify: (_row, posting) => reclassify(posting, { dedup }),
            onProgress: (done, total) => progress.update(done, total),
          });
        } finally {
          progress.stop();
        }
        const { taxonomy: synced, cleaned, lifetimeChanges, backlogChanged } = result;
        const parts = [
          `roles changed on ${result.rolesChanged}`,
          `skills changed on ${result.skillsChanged}`,
          `places changed on ${result.placesChanged}`,
        ];
        if (options.dedup) parts.push(`dedup keys changed on ${result.dedupChanged}`);
        context.out.write(
          `taxonomy: ${synced.roles} roles, ${synced.skills} skills` +
            (cleaned.removedRoles + cleaned.removedSkills > 0
              ? ` (removed ${cleaned.removedRoles} old roles, ${cleaned.removedSkills} old skills)`
              : '') +
            `\nreindexed ${result.postings} of ${result.total} postings: ${parts.join(', ')}\n` +
            `posting lifetimes changed for ${lifetimeChanges.length} source${lifetimeChanges.length === 1 ? '' : 's'}; backlog changed on ${backlogChanged} postings\n`,
        );
        if (result.interrupted) {
          throw new Interrupted(
            `reindex interrupted after ${result.postings} postings: run \`jobtrend reindex\` again to finish`,
          );
        }
      } finally {
        db.close();
      }
    });
  return withExamples(
    command,
    'jobtrend reindex',
    'jobtrend --db /srv/jobtrend/jobs.sqlite reindex --dedup --batch-size 5000',
  );
}
