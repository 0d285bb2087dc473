// Log lines speak the database's dialect: snake_case keys at every depth, and no key twice on a line — also
// when a child logger is bound to a key the line names again (the daemon's job loggers did that).
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { badKeys, repeatedKeys } from '../support/json-keys.js';

function capture(pretty = false) {
  const lines: string[] = [];
  const logger = createLogger({
    pretty,
    level: 'debug',
    destination: { write: (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)) },
  });
  return { logger, lines };
}

describe('log lines', () => {
  it('turn camelCase keys into snake_case, nested ones too', () => {
    const { logger, lines } = capture();
    logger.info({ runId: 3, timedOut: ['daily'], request: { maxPages: 2 } }, 'scrape started');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      run_id: 3,
      timed_out: ['daily'],
      request: { max_pages: 2 },
    });
    expect(badKeys(JSON.parse(lines[0]!))).toEqual([]);
  });

  it('never repeat a key a child logger is bound to', () => {
    const { logger, lines } = capture();
    const job = logger.child({ job: 'daily', source_id: 'lever' });
    job.warn({ event: 'job.end', job: 'daily', source_id: 'lever', status: 'ok' }, 'job daily ended');
    expect(repeatedKeys(lines[0]!)).toEqual([]);
    expect(JSON.parse(lines[0]!)).toMatchObject({ job: 'daily', source_id: 'lever', event: 'job.end' });
  });

  it('keep an error logged as the line itself', () => {
    const { logger, lines } = capture();
    logger.error(new Error('disk full'));
    expect(JSON.parse(lines[0]!)).toMatchObject({ err: { message: 'disk full' } });
  });
});
