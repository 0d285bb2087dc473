-- 080: every place a posting names (a posting in Beijing and Nanjing keeps both: position 0 is the one in
-- postings.city/district/region/country), and two pay flags: a currency the source did not state but the
-- posting's country implies (salary_currency_inferred), and a pay figure no one is paid (a range of 1–1 a
-- year, 3 yuan a month) that is kept as given but left out of pay statistics (salary_implausible).
-- `jobtrend reindex` fills both for postings stored before.
CREATE TABLE posting_places (
  posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL CHECK (position >= 0),
  city       TEXT NOT NULL,
  district   TEXT,
  region     TEXT,
  country    TEXT,
  PRIMARY KEY (posting_id, position)
) WITHOUT ROWID;
CREATE INDEX posting_places_city ON posting_places (city, posting_id);

INSERT INTO posting_places (posting_id, position, city, district, region, country)
SELECT id, 0, city, district, region, country FROM postings WHERE city IS NOT NULL;

ALTER TABLE postings ADD COLUMN salary_currency_inferred INTEGER NOT NULL DEFAULT 0
  CHECK (salary_currency_inferred IN (0, 1));
ALTER TABLE postings ADD COLUMN salary_implausible INTEGER NOT NULL DEFAULT 0
  CHECK (salary_implausible IN (0, 1));
