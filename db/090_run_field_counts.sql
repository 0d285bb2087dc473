-- 090: per scrape run, how many of the postings it stored had each field — title, company, city, salary,
-- posted_at, description and the source's own fields (extra.<name>) — so `jobtrend health` can notice a
-- site that changed its pages (a field whose share falls) the way Spidermon's field-coverage monitors do.
-- Written with every stored page, in the page's transaction: the counts are the run's so far.
CREATE TABLE run_field_counts (
  run_id   INTEGER NOT NULL REFERENCES scrape_runs (id) ON DELETE CASCADE,
  field    TEXT NOT NULL,
  present  INTEGER NOT NULL CHECK (present >= 0),
  postings INTEGER NOT NULL CHECK (postings >= present),
  PRIMARY KEY (run_id, field)
) WITHOUT ROWID;
