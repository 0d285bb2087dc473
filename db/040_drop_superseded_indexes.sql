-- 040: drop the two indexes that 030's covering indexes superseded. postings_primary_date (effective_date)
-- and postings_primary_city_date (city, effective_date) are prefixes of postings_primary_date_source_city
-- and postings_primary_city_date_source, under the same WHERE is_primary = 1: every query that could use
-- them uses the wider ones, and each insert paid for two more b-trees (about a tenth of an import's time).
DROP INDEX IF EXISTS postings_primary_date;
DROP INDEX IF EXISTS postings_primary_city_date;
