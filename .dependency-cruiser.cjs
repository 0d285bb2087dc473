// Which way jobtrend's imports may point (docs/architecture.md draws the whole flow). Run by `npm run lint`:
// `depcruise src scrapers bench eval`. Type-only imports count: a type is a dependency too.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    exclude: { path: '^dist/' },
  },
};
