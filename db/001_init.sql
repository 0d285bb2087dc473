-- 001: the core schema. Sources, scrape runs (the coverage record), postings with their history,
-- the role and skill taxonomy with its links, full-text search, scheduler bookkeeping, and views for the
-- common questions. Documented column by column in db/SCHEMA.md.

CREATE TABLE sources (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('api', 'html', 'browser', 'import')),
  base_url   TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE scrape_runs (
  id               INTEGER PRIMARY KEY,
  source_id        TEXT NOT NULL REFERENCES sources (id),
  job_name         TEXT,
  query            TEXT,
  city             TEXT,
  started_at       TEXT NOT NULL,
  finished_at      TEXT,
  heartbeat_at     TEXT,
  pid              INTEGER,
  status           TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
  pages_fetched    INTEGER NOT NULL DEFAULT 0,
  requests         INTEGER NOT NULL DEFAULT 0,
  retries          INTEGER NOT NULL DEFAULT 0,
  postings_seen    INTEGER NOT NULL DEFAULT 0,
  postings_new     INTEGER NOT NULL DEFAULT 0,
  postings_updated INTEGER NOT NULL DEFAULT 0,
  error_count      INTEGER NOT NULL DEFAULT 0,
  error_summary    TEXT,
  coverage_from    TEXT,
  coverage_to      TEXT
);
CREATE INDEX scrape_runs_source_started ON scrape_runs (source_id, started_at);
CREATE INDEX scrape_runs_job_started ON scrape_runs (job_name, started_at);

CREATE TABLE postings (
  id                  INTEGER PRIMARY KEY,
  source_id           TEXT NOT NULL REFERENCES sources (id),
  source_posting_id   TEXT NOT NULL,
  url                 TEXT,
  title               TEXT NOT NULL,
  company             TEXT,
  company_norm        TEXT,
  location_raw        TEXT,
  city                TEXT,
  district            TEXT,
  region              TEXT,
  country             TEXT,
  remote              INTEGER CHECK (remote IN (0, 1)),
  employment_type     TEXT,
  salary_min          REAL,
  salary_max          REAL,
  salary_currency     TEXT,
  salary_period       TEXT CHECK (salary_period IN ('hour', 'day', 'week', 'month', 'year', 'piece')),
  salary_months       REAL,
  salary_negotiable   INTEGER NOT NULL DEFAULT 0 CHECK (salary_negotiable IN (0, 1)),
  salary_raw          TEXT,
  description         TEXT,
  posted_at           TEXT,
  posted_at_precision TEXT CHECK (posted_at_precision IN ('exact', 'day', 'censored')),
  valid_through       TEXT,
  first_seen_at       TEXT NOT NULL,
  last_seen_at        TEXT NOT NULL,
  closed_at           TEXT,
  updated_at          TEXT,
  effective_date      TEXT NOT NULL,
  dedup_key           TEXT NOT NULL,
  is_primary          INTEGER NOT NULL DEFAULT 1 CHECK (is_primary IN (0, 1)),
  content_hash        TEXT NOT NULL,
  raw_json            TEXT,
  first_run_id        INTEGER REFERENCES scrape_runs (id),
  last_run_id         INTEGER REFERENCES scrape_runs (id),
  UNIQUE (source_id, source_posting_id)
);
CREATE INDEX postings_dedup_key ON postings (dedup_key, effective_date, id);
CREATE INDEX postings_primary_date ON postings (effective_date) WHERE is_primary = 1;
CREATE INDEX postings_primary_city_date ON postings (city, effective_date) WHERE is_primary = 1;
CREATE INDEX postings_source_date ON postings (source_id, effective_date);
CREATE INDEX postings_last_seen ON postings (source_id, last_seen_at);

CREATE TABLE posting_changes (
  id         INTEGER PRIMARY KEY,
  posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
  run_id     INTEGER REFERENCES scrape_runs (id),
  changed_at TEXT NOT NULL,
  field      TEXT NOT NULL,
  old_value  TEXT,
  new_value  TEXT
);
CREATE INDEX posting_changes_posting ON posting_changes (posting_id);

CREATE TABLE roles (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  name_zh     TEXT,
  description TEXT
);

CREATE TABLE posting_roles (
  posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
  role_id    TEXT NOT NULL REFERENCES roles (id),
  PRIMARY KEY (posting_id, role_id)
) WITHOUT ROWID;
CREATE INDEX posting_roles_role ON posting_roles (role_id, posting_id);

CREATE TABLE skills (
  id       TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  name_zh  TEXT,
  category TEXT
);

CREATE TABLE posting_skills (
  posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
  skill_id   TEXT NOT NULL REFERENCES skills (id),
  PRIMARY KEY (posting_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX posting_skills_skill ON posting_skills (skill_id, posting_id);

-- Full-text search, external content, triggers named the way Datasette recognises.
CREATE VIRTUAL TABLE postings_fts USING fts5 (
  title, company, description,
  content = 'postings', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER postings_ai AFTER INSERT ON postings BEGIN
  INSERT INTO postings_fts (rowid, title, company, description)
  VALUES (new.id, new.title, new.company, new.description);
END;
CREATE TRIGGER postings_ad AFTER DELETE ON postings BEGIN
  INSERT INTO postings_fts (postings_fts, rowid, title, company, description)
  VALUES ('delete', old.id, old.title, old.company, old.description);
END;
CREATE TRIGGER postings_au AFTER UPDATE OF title, company, description ON postings BEGIN
  INSERT INTO postings_fts (postings_fts, rowid, title, company, description)
  VALUES ('delete', old.id, old.title, old.company, old.description);
  INSERT INTO postings_fts (rowid, title, company, description)
  VALUES (new.id, new.title, new.company, new.description);
END;

-- Conditional-request cache of the fetch layer (ETag / Last-Modified), body gzip-compressed.
CREATE TABLE http_cache (
  url           TEXT PRIMARY KEY,
  etag          TEXT,
  last_modified TEXT,
  content_type  TEXT,
  body_gzip     BLOB,
  fetched_at    TEXT NOT NULL
);

-- Scheduler: one lock per job across daemons, and one row per job execution.
CREATE TABLE job_locks (
  job_name     TEXT PRIMARY KEY,
  holder       TEXT NOT NULL,
  pid          INTEGER,
  host         TEXT,
  acquired_at  TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);

CREATE TABLE job_runs (
  id          INTEGER PRIMARY KEY,
  job_name    TEXT NOT NULL,
  trigger     TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed', 'interrupted', 'skipped')),
  summary     TEXT
);
CREATE INDEX job_runs_job_started ON job_runs (job_name, started_at);

-- Views: the shareable query layer.

-- One row per distinct job: the first appearance of each dedup_key (reposts and cross-posts removed).
CREATE VIEW postings_dedup AS
SELECT * FROM postings WHERE is_primary = 1;

-- New deduplicated postings per month, by role and city (a posting with two roles counts in both).
CREATE VIEW monthly_counts AS
SELECT substr(p.effective_date, 1, 7) AS month, r.role_id, p.city, count(*) AS postings
FROM postings p JOIN posting_roles r ON r.posting_id = p.id
WHERE p.is_primary = 1
GROUP BY month, r.role_id, p.city;

-- New deduplicated postings per week (weeks start on Monday), by role and city.
CREATE VIEW weekly_counts AS
SELECT date(p.effective_date, 'weekday 0', '-6 days') AS week_start, r.role_id, p.city, count(*) AS postings
FROM postings p JOIN posting_roles r ON r.posting_id = p.id
WHERE p.is_primary = 1
GROUP BY week_start, r.role_id, p.city;

-- Deduplicated postings naming each skill, per month.
CREATE VIEW monthly_skill_counts AS
SELECT substr(p.effective_date, 1, 7) AS month, s.skill_id, count(*) AS postings
FROM postings p JOIN posting_skills s ON s.posting_id = p.id
WHERE p.is_primary = 1
GROUP BY month, s.skill_id;

-- Days each source was watched: one row per source and UTC day with a run that was not a failure.
CREATE VIEW source_watch_days AS
WITH RECURSIVE spans (source_id, day, last_day) AS (
  SELECT source_id,
         coalesce(coverage_from, substr(started_at, 1, 10)),
         coalesce(coverage_to, substr(coalesce(finished_at, heartbeat_at, started_at), 1, 10))
  FROM scrape_runs WHERE status IN ('ok', 'partial', 'interrupted')
  UNION
  SELECT source_id, date(day, '+1 day'), last_day FROM spans WHERE day < last_day
)
SELECT DISTINCT source_id, day FROM spans;
