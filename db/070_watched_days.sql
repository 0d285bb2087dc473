-- 070: watched days from observations, a posting lifetime per source, and backlog.
-- A day d counts as watched for a source when a successful observation of it (a scrape run, or an import's
-- stated collection date) falls within [d, d + L], L the source's posting lifetime in days: a posting born
-- on d is still listed when the source looks. An import without collection dates is assumed to be a
-- continuous log over the dates it spans (coverage_assumed = 1): exactly those days, no lifetime added.
-- Postings a source already listed when it was first watched are backlog: they count in stock, never as new.
-- A source that lists undated postings is watched only after its first look (its first look lists backlog).

-- How long a posting of this source stays listed (sources.<id>.lifetimeDays in the config, default 30).
ALTER TABLE sources ADD COLUMN lifetime_days INTEGER NOT NULL DEFAULT 30 CHECK (lifetime_days >= 1);

-- 1 when coverage_from..coverage_to is not a collection date but the span of the data's posting dates,
-- taken as a continuous log. Runs before 070 set coverage_from/to only that way (imports, the demo).
ALTER TABLE scrape_runs ADD COLUMN coverage_assumed INTEGER NOT NULL DEFAULT 0 CHECK (coverage_assumed IN (0, 1));
UPDATE scrape_runs SET coverage_assumed = 1 WHERE coverage_from IS NOT NULL;

-- The days an imported dataset says it was collected on (a scrape-date column): one row per distinct day.
CREATE TABLE run_observations (
  run_id INTEGER NOT NULL REFERENCES scrape_runs (id) ON DELETE CASCADE,
  day    TEXT NOT NULL,
  PRIMARY KEY (run_id, day)
) WITHOUT ROWID;

-- 1 when the posting was already listed when its source was first watched (see source_first_watch).
ALTER TABLE postings ADD COLUMN backlog INTEGER NOT NULL DEFAULT 0 CHECK (backlog IN (0, 1));

-- Every successful look at a source: what it covered and until when.
CREATE VIEW source_observations AS
SELECT r.source_id, r.id AS run_id, o.day AS first_day, o.day AS last_day,
       o.day || 'T23:59:59.999Z' AS observed_until, 0 AS assumed
FROM scrape_runs r JOIN run_observations o ON o.run_id = r.id
WHERE r.status IN ('ok', 'partial', 'interrupted')
UNION ALL
SELECT r.source_id, r.id,
       coalesce(r.coverage_from, substr(r.started_at, 1, 10)),
       coalesce(r.coverage_to, substr(coalesce(r.finished_at, r.heartbeat_at, r.started_at), 1, 10)),
       CASE WHEN r.coverage_to IS NULL THEN coalesce(r.finished_at, r.heartbeat_at, r.started_at)
            ELSE r.coverage_to || 'T23:59:59.999Z' END,
       r.coverage_assumed
FROM scrape_runs r
WHERE r.status IN ('ok', 'partial', 'interrupted')
  AND NOT EXISTS (SELECT 1 FROM run_observations o WHERE o.run_id = r.id);

-- Whether a source lists its postings without dates of their own (BOSS直聘): judged on the 500 postings it
-- showed most recently, undated when more than half of them have no date (or only "30+ days ago").
CREATE VIEW source_dating AS
SELECT s.id AS source_id,
       (SELECT count(*) FROM (SELECT 1 FROM postings p WHERE p.source_id = s.id
                              ORDER BY p.last_seen_at DESC LIMIT 500)) AS sampled,
       (SELECT coalesce(sum(u), 0) FROM (SELECT (p.posted_at IS NULL OR p.posted_at_precision = 'censored') AS u
                                         FROM postings p WHERE p.source_id = s.id
                                         ORDER BY p.last_seen_at DESC LIMIT 500)) AS undated
FROM sources s;

-- Per source: its first watched day, its first observation (what it listed then is backlog), and whether it
-- lists undated postings. Such a source is watched only from the day after its first observation: everything
-- its first look listed is backlog, so the days before it can never show a new posting.
CREATE VIEW source_first_watch AS
WITH ranked AS (
  SELECT o.source_id, o.last_day, o.observed_until,
         row_number() OVER (PARTITION BY o.source_id ORDER BY o.first_day, o.observed_until) AS n,
         min(CASE WHEN o.assumed = 1 THEN o.first_day
                  ELSE date(o.first_day, '-' || s.lifetime_days || ' days') END)
           OVER (PARTITION BY o.source_id) AS first_watched_day,
         s.lifetime_days
  FROM source_observations o JOIN sources s ON s.id = o.source_id
)
SELECT r.source_id, r.first_watched_day, r.observed_until AS first_observed_until,
       r.last_day AS first_observed_day, r.lifetime_days,
       (d.undated * 2 > d.sampled) AS undated_listings
FROM ranked r JOIN source_dating d ON d.source_id = r.source_id
WHERE r.n = 1;

-- Days each source was watched, by the rules above (replaces 001's: a run's own days only).
DROP VIEW source_watch_days;
CREATE VIEW source_watch_days AS
WITH RECURSIVE spans (source_id, day, last_day) AS (
  SELECT o.source_id,
         max(CASE WHEN o.assumed = 1 THEN o.first_day ELSE date(o.first_day, '-' || s.lifetime_days || ' days') END,
             CASE WHEN w.undated_listings THEN date(w.first_observed_day, '+1 day') ELSE '' END),
         o.last_day
  FROM source_observations o JOIN sources s ON s.id = o.source_id
  JOIN source_first_watch w ON w.source_id = o.source_id
  UNION
  SELECT source_id, date(day, '+1 day'), last_day FROM spans WHERE day < last_day
)
SELECT DISTINCT source_id, day FROM spans WHERE day <= last_day;

-- Backlog of the postings stored so far: dated before the source's first watched day, or with no date of
-- their own (undated, or only "30+ days ago") and first seen in the source's first observation.
UPDATE postings AS p SET backlog = 1
FROM source_first_watch f
WHERE f.source_id = p.source_id
  AND (p.effective_date < f.first_watched_day
       OR ((p.posted_at IS NULL OR p.posted_at_precision = 'censored')
           AND p.first_seen_at <= f.first_observed_until));

-- New postings are the deduplicated ones that are not backlog.
DROP VIEW monthly_counts;
CREATE VIEW monthly_counts AS
SELECT substr(p.effective_date, 1, 7) AS month, r.role_id, p.city, count(*) AS postings
FROM postings p JOIN posting_roles r ON r.posting_id = p.id
WHERE p.is_primary = 1 AND p.backlog = 0
GROUP BY month, r.role_id, p.city;

DROP VIEW weekly_counts;
CREATE VIEW weekly_counts AS
SELECT date(p.effective_date, 'weekday 0', '-6 days') AS week_start, r.role_id, p.city, count(*) AS postings
FROM postings p JOIN posting_roles r ON r.posting_id = p.id
WHERE p.is_primary = 1 AND p.backlog = 0
GROUP BY week_start, r.role_id, p.city;

-- New postings per watched day, by month, source and role: only postings dated on a day the source was
-- watched are counted, and a month the source was not watched has no row (not a rate of zero).
CREATE VIEW monthly_rates AS
WITH watched AS (
  SELECT source_id, substr(day, 1, 7) AS month, count(*) AS watched_days
  FROM source_watch_days GROUP BY source_id, month
), counted AS (
  SELECT substr(p.effective_date, 1, 7) AS month, p.source_id, r.role_id, count(*) AS postings
  FROM postings p JOIN posting_roles r ON r.posting_id = p.id
  JOIN source_watch_days w ON w.source_id = p.source_id AND w.day = p.effective_date
  WHERE p.is_primary = 1 AND p.backlog = 0
  GROUP BY month, p.source_id, r.role_id
)
SELECT c.month, c.source_id, c.role_id, c.postings, w.watched_days,
       round(c.postings * 1.0 / w.watched_days, 4) AS postings_per_watched_day
FROM counted c JOIN watched w ON w.source_id = c.source_id AND w.month = c.month;

-- The analysis indexes carry backlog, so that counting new postings still reads only the index.
DROP INDEX postings_primary_date_source_city;
CREATE INDEX postings_primary_date_source_city
  ON postings (effective_date, source_id, city, is_primary, backlog) WHERE is_primary = 1;
DROP INDEX postings_primary_city_date_source;
CREATE INDEX postings_primary_city_date_source
  ON postings (city, effective_date, source_id, is_primary, backlog) WHERE is_primary = 1;
