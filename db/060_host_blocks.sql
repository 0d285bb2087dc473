-- 060: hosts that answered with a verification page or a login wall, remembered across runs and processes,
-- so that the next scheduled run leaves them alone as well instead of asking again at once. Each block in a
-- row (no page fetched from the host in between) doubles the wait; a page fetched after the wait clears it.
CREATE TABLE host_blocks (
  host       TEXT PRIMARY KEY,
  reason     TEXT NOT NULL,
  blocked_at TEXT NOT NULL,
  until      TEXT NOT NULL,
  strikes    INTEGER NOT NULL DEFAULT 1 CHECK (strikes >= 1)
);
