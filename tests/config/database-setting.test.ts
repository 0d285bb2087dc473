// The config's `database` setting names the database every command opens, after --db and JOBTREND_DB —
// also for commands that never read the rest of the config, and when the rest of it is broken.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const temp = tempDir('jobtrend-database-setting-');
afterAll(temp.cleanup);

describe('the database setting of the config file', () => {
  it('is the database when neither --db nor JOBTREND_DB is given, and they win over it', async () => {
    const configured = join(temp.dir, 'configured.sqlite');
    const config = join(temp.dir, 'jobtrend.config.yaml');
    writeFileSync(config, `database: ${configured}\n`);
    const init = await runCli(['--config', config, 'init']);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(configured);
    expect(existsSync(configured)).toBe(true);
    const query = await runCli(['--config', config, 'query', '--json', 'SELECT count(*) AS n FROM sources']);
    expect(query.code).toBe(0);

    const flagged = join(temp.dir, 'flag.sqlite');
    expect((await runCli(['--config', config, '--db', flagged, 'init'])).stdout).toContain(flagged);
    const fromEnv = join(temp.dir, 'env.sqlite');
    expect((await runCli(['--config', config, 'init'], { JOBTREND_DB: fromEnv })).stdout).toContain(fromEnv);
  });

  it('still names the database when another part of the config is broken', async () => {
    const configured = join(temp.dir, 'configured.sqlite');
    const config = join(temp.dir, 'broken.yaml');
    writeFileSync(config, `database: ${configured}\njobs:\n  - { name: x, cron: "nope", sources: [hn] }\n`);
    const status = await runCli(['--config', config, 'status']);
    expect(status.stdout).toContain(`database: ${configured}`);
    expect(status.code).toBe(1);
  });
});
