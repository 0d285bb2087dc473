// Which way jobtrend's imports may point: docs/architecture.md draws the flow and explains the table below
// (tests/docs/architecture-doc.test.ts keeps the two the same). Run by `npm run lint` (`npm run lint:deps`).
// Type-only imports count: a type is a dependency too.

/**
 * What each part may import besides itself and node_modules. A part is a folder of src/ (or scrapers/); the
 * single files at src/'s top (errors.ts, log.ts …) are parts of their own.
 */
const MAY_IMPORT = {
  // Leaves: shapes, words and helpers everything may use.
  domain: [],
  taxonomy: [],
  text: [],
  'errors.ts': [],
  'outcome.ts': [],
  'output.ts': [],
  'paths.ts': [],
  'seeded-random.ts': [],
  'log.ts': ['text'],
  // Reading postings, storing them, and what is stored about the runs.
  pipeline: ['domain', 'taxonomy', 'text'],
  store: ['domain', 'errors.ts', 'health', 'paths.ts', 'pipeline', 'text'],
  health: ['domain', 'log.ts', 'store', 'text'],
  // Fetching, and the config that sets it up.
  fetch: ['browser', 'log.ts', 'store', 'text'],
  browser: ['errors.ts', 'fetch', 'log.ts'],
  config: ['errors.ts', 'fetch', 'report', 'text'],
  // Crawling: the engine schedules the requests scrapers describe.
  engine: [
    'browser',
    'config',
    'domain',
    'errors.ts',
    'fetch',
    'health',
    'log.ts',
    'output.ts',
    'pipeline',
    'scrapers',
    'store',
    'text',
  ],
  scrapers: ['domain', 'engine', 'errors.ts', 'fetch', 'text'],
  // Other ways in and out of the database.
  import: ['domain', 'errors.ts', 'pipeline', 'store', 'text'],
  export: ['store', 'text'],
  query: ['errors.ts', 'store'],
  // Counting and telling.
  analysis: ['config', 'errors.ts', 'pipeline', 'store', 'text'],
  report: ['analysis', 'errors.ts', 'health', 'store', 'taxonomy', 'text'],
  // What runs the rest.
  schedule: ['config', 'engine', 'errors.ts', 'health', 'log.ts', 'output.ts', 'report', 'scrapers', 'store'],
  check: ['browser', 'config', 'engine', 'errors.ts', 'fetch', 'scrapers', 'store', 'text'],
  demo: [
    'browser',
    'check',
    'config',
    'engine',
    'errors.ts',
    'import',
    'log.ts',
    'report',
    'scrapers',
    'seeded-random.ts',
    'store',
  ],
  commands: '*',
  cli: ['commands', 'config', 'errors.ts', 'outcome.ts', 'output.ts', 'paths.ts', 'store', 'text'],
  'cli.ts': ['cli'],
};

/** The path pattern of a part. */
const part = (name) =>
  name === 'scrapers' ? 'scrapers/' : name.endsWith('.ts') ? `src/${name.replace('.', '\\.')}$` : `src/${name}/`;

const partRules = Object.entries(MAY_IMPORT)
  .filter(([, allowed]) => allowed !== '*')
  .map(([name, allowed]) => ({
    name: `${name}-imports`,
    comment: `${name} may import ${allowed.length > 0 ? allowed.join(', ') : 'no other part'} (docs/architecture.md)`,
    severity: 'error',
    from: { path: `^${part(name)}` },
    to: {
      path: '^(src|scrapers)/',
      pathNot: `^(${[name, ...allowed].map(part).join('|')})`,
    },
  }));

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    // The rules of issue 23, named so that a failure says which promise it breaks (the table says them too).
    {
      name: 'cli-is-the-top',
      comment:
        'Only the CLI and its commands import src/cli and src/commands; what commands drive (engine, schedule, ' +
        'report …) takes what it needs as arguments or from a shared module (the Output type is src/output.ts).',
      severity: 'error',
      from: { path: '^(src|scrapers)/', pathNot: '^src/(cli|commands)/|^src/cli\\.ts$' },
      to: { path: '^src/(cli|commands)/' },
    },
    {
      name: 'no-bench-or-test-code-in-the-product',
      comment:
        'src and scrapers ship; bench data (bench/synthetic-csv.ts), evaluation and test helpers do not: ' +
        'they may import the product, never the other way round.',
      severity: 'error',
      from: { path: '^(src|scrapers)/' },
      to: { path: '^(bench|eval|tests)/' },
    },
    {
      name: 'config-does-not-import-schedule',
      comment:
        'The config describes jobs (src/config/job-config.ts); the scheduler runs them. The config is read ' +
        'by every command and must not pull in the daemon.',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/schedule/' },
    },
    {
      name: 'fetching-does-not-know-scrapers',
      comment:
        'The fetcher and the browser pool serve the engine; the scraper contract lives in src/engine ' +
        '(scraper-contract.ts). They import neither scrapers/ nor the engine.',
      severity: 'error',
      from: { path: '^src/(fetch|browser)/' },
      to: { path: '^(scrapers/|src/engine/)' },
    },
    {
      name: 'every-file-in-a-part',
      comment: 'A new folder (or file at the top of src/) gets its line in MAY_IMPORT and in docs/architecture.md.',
      severity: 'error',
      from: {
        path: '^(src|scrapers)/',
        pathNot: `^(${Object.keys(MAY_IMPORT).map(part).join('|')})`,
      },
      to: {},
    },
    ...partRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    exclude: { path: '^dist/' },
  },
};
// The table itself, for tests/docs/architecture-doc.test.ts (not enumerable: not part of the configuration).
Object.defineProperty(config, 'MAY_IMPORT', { value: MAY_IMPORT, enumerable: false });
module.exports = config;
