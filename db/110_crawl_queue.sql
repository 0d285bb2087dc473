-- 110: the request queue of a crawl. A crawl is one `jobtrend scrape` or one run of a scheduled job: its
-- scrapes (source × search) share one queue of requests, deduplicated per source by method, URL and body.
-- A request is `done` in the same transaction that stores what its page gave, so a crawl killed at any
-- moment resumes from here (`jobtrend scrape --resume`, the job's next run) without fetching a stored page
-- again. A crawl that ends is deleted with its requests; only unfinished crawls stay.
CREATE TABLE crawls (
  id           INTEGER PRIMARY KEY,
  job_name     TEXT,
  plan_json    TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  pid          INTEGER
);

CREATE TABLE crawl_requests (
  id           INTEGER PRIMARY KEY,
  crawl_id     INTEGER NOT NULL REFERENCES crawls (id) ON DELETE CASCADE,
  scrape       INTEGER NOT NULL CHECK (scrape >= 0),
  source_id    TEXT NOT NULL,
  request_key  TEXT NOT NULL,
  url          TEXT NOT NULL,
  method       TEXT NOT NULL DEFAULT 'GET',
  host         TEXT NOT NULL,
  via          TEXT NOT NULL DEFAULT 'http' CHECK (via IN ('http', 'browser')),
  kind         TEXT NOT NULL CHECK (kind IN ('list', 'detail', 'index')),
  handler      TEXT NOT NULL,
  priority     INTEGER NOT NULL DEFAULT 0,
  request_json TEXT NOT NULL,
  state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  error        TEXT,
  queued_at    TEXT NOT NULL,
  finished_at  TEXT,
  UNIQUE (crawl_id, source_id, request_key)
);

CREATE INDEX crawl_requests_by_state ON crawl_requests (crawl_id, state);
