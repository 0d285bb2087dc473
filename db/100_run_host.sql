-- 100: the host a scrape or import run's process runs on, beside its pid: a run whose process has died shows
-- as interrupted at once (the pid is looked up only on its own host; elsewhere the heartbeat tells).
ALTER TABLE scrape_runs ADD COLUMN host TEXT;
