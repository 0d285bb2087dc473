-- 030: covering indexes for analysis (growth, skills, claim) so that counting deduplicated postings by
-- effective date, source and city reads only the index, never the wide postings rows. is_primary is
-- repeated as a column because SQLite does not count a partial index's WHERE columns as covered.

-- Counts by day and source for a date range (no city filter); also drives role and skill joins.
CREATE INDEX postings_primary_date_source_city ON postings (effective_date, source_id, city, is_primary)
  WHERE is_primary = 1;

-- The same for one city.
CREATE INDEX postings_primary_city_date_source ON postings (city, effective_date, source_id, is_primary)
  WHERE is_primary = 1;

-- Open postings per day (the `active` metric): first seen … closed or last seen.
CREATE INDEX postings_primary_open_span ON postings (first_seen_at, last_seen_at, closed_at, source_id, city, is_primary)
  WHERE is_primary = 1;
