// `jobtrend reindex`: after a taxonomy change, recompute every stored posting's roles and skills (and with
// --dedup its dedup key) from the stored title and description, in batches, without fetching anything.
// Also refreshes the names in the roles and skills tables.
import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { UsageError } from '../errors.js';
import { classifyPosting, dedupKey } from '../pipeline/index.js';
import { type ReindexRow, reindexPostings } from '../store/reindex-store.js';
import { syncTaxonomy } from '../store/taxonomy-store.js';
import { withExamples } from './help.js';

interface ReindexOptions {
  dedup?: boolean;
  batchSize: string;
}

export function define(context: CliContext): Command {
  const command = new Command('reindex')
    .description('recompute roles and skills of every stored posting after a taxonomy change (no re-fetch)')
    .option('--dedup', 'also recompute dedup keys (after a change to the dedup rule or the city list)')
    .option('--batch-size <n>', 'postings per transaction', '1000')
    .action((options: ReindexOptions) => {
      const batchSize = Number(options.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
        throw new UsageError(
          `--batch-size must be a whole number from 1 to 100000, got "${options.batchSize}"`,
        );
      }
      const db = context.openDb({ mustExist: true });
      try {
        const synced = syncTaxonomy(db);
        const progress = context.err.isTTY;
        const result = reindexPostings(db, {
          batchSize,
          signal: context.signal,
          classify: (row) => classifyRow(row, options.dedup === true),
          onProgress: progress
            ? (done, total) =>
                context.err.write(`\rreindexing: ${done}/${total} postings (${percent(done, total)})`)
            : undefined,
        });
        if (progress && result.postings > 0) context.err.write('\n');
        // Ids that left the taxonomy are unused now: a second sync removes them.
        const cleaned = syncTaxonomy(db);
        const parts = [
          `roles changed on ${result.rolesChanged}`,
          `skills changed on ${result.skillsChanged}`,
        ];
        if (options.dedup) parts.push(`dedup keys changed on ${result.dedupChanged}`);
        context.out.write(
          `taxonomy: ${synced.roles} roles, ${synced.skills} skills` +
            (cleaned.removedRoles + cleaned.removedSkills > 0
              ? ` (removed ${cleaned.removedRoles} old roles, ${cleaned.removedSkills} old skills)`
              : '') +
            `\nreindexed ${result.postings} of ${result.total} postings: ${parts.join(', ')}\n`,
        );
        if (result.interrupted) {
          context.err.write(
            `reindex interrupted after ${result.postings} postings: run \`jobtrend reindex\` again to finish\n`,
          );
          context.exitCode = 1;
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

function classifyRow(row: ReindexRow, withDedup: boolean) {
  const classification = classifyPosting(row.title, row.description);
  if (!withDedup) return classification;
  return {
    ...classification,
    dedupKey: dedupKey({
      title: row.title,
      company: row.company,
      city: row.city,
      country: row.country,
      remote: row.remote === null ? null : row.remote === 1,
      sourceId: row.source_id,
      sourcePostingId: row.source_posting_id,
    }),
  };
}

function percent(done: number, total: number): string {
  return total === 0 ? '100%' : `${Math.floor((100 * done) / total)}%`;
}
