-- 120: the full-text index declares its content table as content="postings", the spelling sqlite-utils and
-- Datasette look for (their detection query is `sql LIKE '%VIRTUAL TABLE%USING FTS%content="postings"%'`,
-- or content=[postings]); 001 wrote content = 'postings', so `sqlite-utils search` failed and Datasette's
-- _search was silently ignored.
--
-- Only the stored text of the CREATE VIRTUAL TABLE statement changes. FTS5 reads its options from that text
-- when a connection opens the table, and both spellings mean the same table: its shadow tables (the index
-- itself) and its 'hashsize' setting stay exactly as they are. Dropping and rebuilding the table instead
-- would re-tokenise every description: minutes, and a WAL as large as the index, on a database of a million
-- postings. This is SQLite's documented way to change schema text that does not change what is stored
-- (https://sqlite.org/lang_altertable.html, "writable_schema"): the migration runner allows it for a
-- migration that sets PRAGMA writable_schema, and for that migration only, and then moves the schema's
-- version on so that every open connection reads the schema again. The triggers postings_ai, postings_ad
-- and postings_au are not touched.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
SET sql = replace(replace(sql, 'content = ''postings''', 'content="postings"'), 'content=''postings''', 'content="postings"')
WHERE type = 'table' AND name = 'postings_fts';
PRAGMA writable_schema = RESET;

