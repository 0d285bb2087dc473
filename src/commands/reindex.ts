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
import { POSTING_CONTENT_FIELDS, type SalaryPeriod } from '../domain/posting.js';
import { UsageError } from '../errors.js';
import { Interrupted } from '../outcome.js';
import { contentHash, type HashedFields } from '../pipeline/content-hash.js';
import { classifyPosting, dedupKey } from '../pipeline/index.js';
import { parseLocation } from '../pipeline/location.js';
import { currencyForCountry, isImplausiblePay } from '../pipeline/pay.js';
import { sourceIds } from '../store/analysis-queries.js';
import type { Db } from '../store/database.js';
import { fromStored } from '../store/export-queries.js';
import { DEFAULT_LIFETIME_DAYS, markBacklog, setSourceLifetimes } from '../store/observation-store.js';
import {
  type Place,
  type ReindexClassification,
  type ReindexRow,
  reindexPostings,
} from '../store/reindex-store.js';
import { syncTaxonomy } from '../store/taxonomy-store.js';
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
        const synced = syncTaxonomy(db);
        const progress = createProgressLine(context.err, { unit: 'postings reindexed' });
        let result: ReturnType<typeof reindexPostings>;
        try {
          result = reindexPostings(db, {
            batchSize,
            signal: context.signal,
            classify: (row) => classifyRow(row, options.dedup === true),
            onProgress: (done, total) => progress.update(done, total),
          });
        } finally {
          progress.stop();
        }
        // Ids that left the taxonomy are unused now: a second sync removes them.
        const cleaned = syncTaxonomy(db);
        // Posting lifetimes from the config (30 days where it says nothing), and the backlog they decide.
        const lifetimeChanges = setSourceLifetimes(db, { ...defaultLifetimes(db), ...lifetimes });
        const backlogChanged = markBacklog(db);
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

function classifyRow(row: ReindexRow, withDedup: boolean): ReindexClassification {
  const classification = classifyPosting(row.title, row.description);
  const parsed = parseLocation(row.location_raw);
  // The pay's currency: as the source stated it, else (again) the currency of the posting's country.
  const min = row.salary_min as number | null;
  const max = row.salary_max as number | null;
  const stated = row.salary_currency_inferred === 1 ? null : (row.salary_currency as string | null);
  const inferred =
    stated === null && (min !== null || max !== null) ? currencyForCountry(parsed.country) : null;
  const currency = stated ?? inferred;
  const period = row.salary_period as SalaryPeriod | null;
  const place: Place = {
    city: parsed.city,
    district: parsed.district,
    region: parsed.region,
    country: parsed.country,
    salary_currency: currency,
    salary_currency_inferred: inferred !== null ? 1 : 0,
    salary_implausible: isImplausiblePay({ min, max, currency, period }) ? 1 : 0,
  };
  // The hash the pipeline would give the posting now: its stored content with the place read again.
  const content = Object.fromEntries(
    POSTING_CONTENT_FIELDS.map((field) => [field, fromStored(field, row[field])]),
  ) as HashedFields;
  const reread = {
    ...classification,
    place: {
      fields: place,
      places: parsed.places,
      contentHash: contentHash({
        ...content,
        city: place.city,
        district: place.district,
        region: place.region,
        country: place.country,
        salary_currency: currency,
      }),
    },
  };
  if (!withDedup) return reread;
  return {
    ...reread,
    dedupKey: dedupKey({
      title: row.title,
      company: row.company,
      city: place.city,
      country: place.country,
      remote: row.remote === null ? null : row.remote === 1,
      sourceId: row.source_id,
      sourcePostingId: row.source_posting_id,
    }),
  };
}

/** The default lifetime for every source the database knows (the config's values are laid over it). */
function defaultLifetimes(db: Db): Record<string, number> {
  return Object.fromEntries(sourceIds(db).map((id) => [id, DEFAULT_LIFETIME_DAYS]));
}
