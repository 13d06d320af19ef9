// The core modules under mutation testing (issue 19): what Stryker mutates and the tests that
// must kill the mutants. Equivalent mutants, reviewed, are listed in test/mutation-equivalents.md.
export const MODULES = {
  result: {
    mutate: ['shared/tally/result.ts'],
    tests: ['test/unit/tally/result.test.ts'],
  },
  'cleanup-guard': {
    mutate: ['electron/services/cleanup/guard.ts'],
    tests: ['test/unit/cleanup/guard.test.ts'],
  },
  'counting-rules': {
    mutate: ['tally/store/machine-rules.ts', 'tally/store/hash.ts'],
    tests: [
      'test/unit/tally/same-day-tie-break.test.ts',
      'test/unit/tally/machine-rules.test.ts',
      'test/unit/tally/sqlite-counts.test.ts',
      'test/unit/tally/hash.test.ts',
    ],
  },
  'net-canon': {
    mutate: ['shared/net/ip.ts', 'shared/net/domain.ts', 'shared/net/url.ts'],
    tests: ['shared/net/*.test.ts'],
  },
  'indicator-index': {
    mutate: [
      'shared/indicators/index.ts',
      'shared/indicators/address-table.ts',
      'shared/indicators/domain-table.ts',
    ],
    tests: ['shared/indicators/*.test.ts'],
  },
  'feed-verify': {
    mutate: ['electron/services/feed/verify-feed.ts', 'electron/services/feed/feed-cache.ts'],
    tests: [
      'test/unit/feed/validate-feed.test.ts',
      'test/unit/feed/keys.test.ts',
      'test/unit/feed/feed-store-cache.test.ts',
      'test/unit/feed/feed-cache.mutation.test.ts',
      'test/unit/feed/verify-feed.mutation.test.ts',
      'test/unit/feed/feed-trust.test.ts',
    ],
  },
  'feed-store': {
    mutate: ['electron/services/feed/feed-store.ts'],
    tests: ['test/unit/feed/feed-store-cache.test.ts', 'test/unit/feed/feed-update.test.ts'],
  },
  'cleanup-steps': {
    mutate: ['electron/services/cleanup/steps.ts'],
    tests: ['test/unit/cleanup/*.test.ts', 'electron/ipc/cleanup-handlers.test.ts'],
  },
  netstat: {
    mutate: ['shared/parsers/netstat.ts', 'shared/parsers/states.ts'],
    tests: [
      'shared/parsers/netstat*.test.ts',
      'shared/parsers/states.test.ts',
      'shared/parsers/windows-languages.test.ts',
      'test/unit/connections/captures.test.ts',
      'test/unit/connections/windows-languages.test.ts',
    ],
  },
  'dns-cache': {
    mutate: ['shared/parsers/dns-cache.ts', 'shared/parsers/hosts-file.ts'],
    tests: [
      'test/unit/scan/dns-cache.test.ts',
      'test/unit/scan/dns-cache.mutation.test.ts',
      'test/unit/scan/hosts-file.test.ts',
      'test/unit/scan/dns-parsers.property.test.ts',
      'shared/parsers/hosts-file.property.test.ts',
      'test/unit/scan/hosts-file.mutation.test.ts',
    ],
  },
  tasklist: {
    mutate: ['shared/parsers/tasklist.ts', 'shared/parsers/csv.ts'],
    tests: ['shared/parsers/tasklist*.test.ts', 'shared/parsers/csv.test.ts'],
  },
  ss: {
    mutate: ['shared/parsers/ss.ts'],
    tests: ['shared/parsers/ss*.test.ts'],
  },
  licensing: {
    mutate: [
      'shared/parsers/slmgr.ts',
      'shared/parsers/reg-uninstall.ts',
      'shared/parsers/schtasks.ts',
      'shared/parsers/services.ts',
    ],
    tests: ['test/unit/licensing/*.test.ts'],
  },
  'feed-parsers': {
    mutate: ['shared/feeds/*.ts'],
    tests: [
      'test/unit/feeds/formats.test.ts',
      'test/unit/feeds/realdata.test.ts',
      'test/unit/feeds/url-indicators.test.ts',
      'test/unit/feeds/feed-roundtrip.property.test.ts',
    ],
  },
};
