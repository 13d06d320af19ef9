// The core modules under mutation testing (issue 19): what Stryker mutates and the tests that
// must kill the mutants. Equivalent mutants, reviewed, are listed in test/mutation-equivalents.md.

// The tests of the indicator index (the indicator-index, indicator-addresses and indicator-domains modules).
const INDICATOR_INDEX_TESTS = [
  'shared/indicators/index*.test.ts',
  'shared/indicators/address-table*.test.ts',
  'shared/indicators/domain-table*.test.ts',
  'shared/indicators/tables.test.ts',
  'shared/indicators/url-index.test.ts',
];

// Their runs: properties capped at 25 runs a mutant, one reused test process, and 3 minutes a test
// in the dry run (the /0 to /8 blocks of the IPv4 properties set up to 2^19 words of the /24 bitmap,
// each statement counted for coverage there: over 30 s).
const INDICATOR_INDEX_ENV = {
  PROPERTY_RUNS: '25',
  MUTATION_SHARED_WORKER: '1',
  MUTATION_TEST_TIMEOUT: '180000',
};

// The tests of the threat-feed parsers (the feed-lists, feed-csv-detect and feed-json modules).
const FEED_PARSER_TESTS = [
  'shared/indicator-formats/seen-values.test.ts',
  'shared/indicator-formats/formats.test.ts',
  'shared/indicator-formats/realdata.test.ts',
  'shared/indicator-formats/url-indicators.test.ts',
  'shared/indicator-formats/feed-roundtrip.property.test.ts',
  'shared/indicator-formats/feed-formats-roundtrip.property.test.ts',
  'shared/indicator-formats/feed-parsers.property.test.ts',
  'shared/indicator-formats/*.mutation.test.ts',
];

// The tests of the network log parsers (log-firewalls, log-dns-servers, log-proxies, log-ids): their
// example tests, the format detection's and the property tests (300 lines under MUTATION_TESTS). Not
// the hunt's tests: they run every parser on every fixture line, so they cover every mutant (seconds
// each) and were never the test Stryker named as the killer in the log-dns-servers run of 2026-12-02.
const NETWORK_LOG_TESTS = [
  'shared/logs/network-logs.mutation.test.ts',
  'shared/logs/dns-servers.mutation.test.ts',
  'shared/logs/firewalls.mutation.test.ts',
  'shared/logs/suricata-zeek.mutation.test.ts',
  'shared/logs/sophos-squid.mutation.test.ts',
  'shared/logs/formats.test.ts',
  'shared/logs/sophos.test.ts',
  'shared/logs/parsers.property.test.ts',
];
const NETWORK_LOG_ENV = { PROPERTY_RUNS: '25', MUTATION_SHARED_WORKER: '1' };
const FIREWALL_TESTS = [
  'shared/logs/network-logs.mutation.test.ts',
  'shared/logs/firewalls.mutation.test.ts',
  'shared/logs/fortigate.mutation.test.ts',
  'shared/logs/detect.mutation.test.ts',
];

export const MODULES = {
  result: {
    mutate: ['shared/tally/result.ts'],
    tests: ['shared/tally/result.test.ts'],
  },
  'cleanup-guard': {
    mutate: ['services/cleanup/guard.ts'],
    tests: ['services/cleanup/guard.test.ts'],
  },
  'counting-rules': {
    mutate: ['tally/store/machine-rules.ts', 'tally/store/hash.ts'],
    tests: [
      'tally/store/same-day-tie-break.test.ts',
      'tally/store/machine-rules.test.ts',
      'tally/store/sqlite-counts.test.ts',
      'tally/store/hash.test.ts',
    ],
  },
  'net-canon': {
    mutate: ['shared/net/ip.ts', 'shared/net/domain.ts', 'shared/net/url.ts'],
    // Not dns-parsers.property.test.ts (the dns-cache module's). The property tests run 25 times
    // per mutant (test/support/property-runs.ts); the example tests carry the rest.
    tests: ['shared/net/ip*.test.ts', 'shared/net/domain*.test.ts', 'shared/net/url*.test.ts'],
    env: { PROPERTY_RUNS: '25', MUTATION_SHARED_WORKER: '1' },
  },
  // The indicator index in three modules (about 970 mutants together, over an hour at a load of
  // 20 here): the index, its address table, its domain table. The index's own tests only (not
  // breadth or the shared-platform list, which cover no mutant here; not
  // shared-index.property.test.ts, whose campaign-sized index takes over 30 s a run under Stryker's
  // coverage); the properties capped at 25 runs a mutant (PROPERTY_RUNS), one reused test process.
  'indicator-index': {
    mutate: ['shared/indicators/index.ts'],
    tests: INDICATOR_INDEX_TESTS,
    env: INDICATOR_INDEX_ENV,
  },
  'indicator-addresses': {
    mutate: ['shared/indicators/address-table.ts'],
    tests: INDICATOR_INDEX_TESTS,
    env: INDICATOR_INDEX_ENV,
  },
  'indicator-domains': {
    mutate: ['shared/indicators/domain-table.ts'],
    tests: INDICATOR_INDEX_TESTS,
    env: INDICATOR_INDEX_ENV,
  },
  'feed-verify': {
    mutate: ['node-shared/feed/verify-feed.ts', 'services/feed/feed-cache.ts'],
    tests: [
      'shared/campaign-feed/validate-feed.test.ts',
      'node-shared/feed/keys.test.ts',
      'services/feed/feed-store-cache.test.ts',
      'services/feed/feed-cache.mutation.test.ts',
      'node-shared/feed/verify-feed.mutation.test.ts',
      'services/feed/feed-trust.test.ts',
    ],
  },
  'feed-store': {
    mutate: ['services/feed/feed-store.ts'],
    tests: [
      'services/feed/feed-store-cache.test.ts',
      'services/feed/feed-update.test.ts',
      'services/feed/feed-update-answers.test.ts',
      'services/feed/feed-trust.test.ts',
      'services/feed/feed-proxy.test.ts',
      'services/feed/feed-store*.mutation.test.ts',
    ],
  },
  'cleanup-steps': {
    mutate: ['services/cleanup/steps.ts'],
    tests: ['services/cleanup/*.test.ts', 'services/ipc/cleanup-handlers.test.ts'],
  },
  netstat: {
    mutate: ['shared/parsers/netstat.ts', 'shared/parsers/states.ts'],
    tests: [
      'shared/parsers/netstat*.test.ts',
      'shared/parsers/states.test.ts',
      'shared/parsers/windows-languages.test.ts',
      'services/connections/captures.test.ts',
      'shared/parsers/windows-languages.connections.test.ts',
    ],
  },
  'dns-cache': {
    mutate: ['shared/parsers/dns-cache.ts', 'shared/parsers/hosts-file.ts'],
    tests: [
      'shared/parsers/dns-cache.test.ts',
      'shared/parsers/dns-cache.mutation.test.ts',
      'shared/parsers/dns-cache.captures.mutation.test.ts',
      'shared/parsers/hosts-file.test.ts',
      'shared/net/dns-parsers.property.test.ts',
      'shared/parsers/hosts-file.property.test.ts',
      'shared/parsers/hosts-file.mutation.test.ts',
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
    // One glob per entry, no "{a,b}": MUTATION_TESTS joins them with commas and splits them again.
    tests: [
      'shared/licensing/*.test.ts',
      'shared/parsers/reg-uninstall*.test.ts',
      'shared/parsers/schtasks*.test.ts',
      'shared/parsers/services*.test.ts',
      'shared/parsers/slmgr*.test.ts',
      'services/licensing/*.test.ts',
      'cli/cli.test.ts',
    ],
  },
  // The threat-feed parsers (shared/indicator-formats/), in three modules of 600–1,000 mutants so
  // each run takes minutes, not hours (2,485 mutants together); the same tests kill all three.
  // Sources only: a "*.ts" glob would also mutate the test files beside them. The properties are
  // capped at 25 runs a mutant (PROPERTY_RUNS); pure parsers: one reused test process.
  // feed-lists and feed-csv-detect cap them at 10: nearly every mutant there (the collector, the
  // value classifier, decoding, detection) is covered by all three property files, 6 s of CPU a
  // mutant at 25 runs against 1.5 s for all the example tests (2026-12-02, measured with vitest's
  // JSON reporter); the example tests in *.mutation.test.ts carry the edges.
  'feed-lists': {
    mutate: [
      'shared/indicator-formats/lists.ts',
      'shared/indicator-formats/canon.ts',
      'shared/indicator-formats/seen-values.ts',
      'shared/indicator-formats/types.ts',
    ],
    tests: FEED_PARSER_TESTS,
    env: { PROPERTY_RUNS: '10', MUTATION_SHARED_WORKER: '1' },
  },
  'feed-csv-detect': {
    mutate: [
      'shared/indicator-formats/abusech.ts',
      'shared/indicator-formats/detect.ts',
      'shared/indicator-formats/decode.ts',
      'shared/indicator-formats/index.ts',
    ],
    tests: FEED_PARSER_TESTS,
    env: { PROPERTY_RUNS: '10', MUTATION_SHARED_WORKER: '1' },
  },
  'feed-json': {
    mutate: [
      'shared/indicator-formats/stix.ts',
      'shared/indicator-formats/misp.ts',
      'shared/indicator-formats/json-text.ts',
      'shared/indicator-formats/campaign.ts',
    ],
    tests: FEED_PARSER_TESTS,
    env: { PROPERTY_RUNS: '25', MUTATION_SHARED_WORKER: '1' },
  },
  // feed-json in two runs that each end within the hour on the shared machine (796 mutants together
  // were over two hours at a load of 25): STIX alone, then MISP with the JSON helpers and the
  // campaign feed. The same tests; perTest coverage runs only those that reach each mutant.
  'feed-json-stix': {
    mutate: ['shared/indicator-formats/stix.ts'],
    tests: FEED_PARSER_TESTS,
    env: { PROPERTY_RUNS: '25', MUTATION_SHARED_WORKER: '1' },
  },
  'feed-json-misp': {
    mutate: [
      'shared/indicator-formats/misp.ts',
      'shared/indicator-formats/json-text.ts',
      'shared/indicator-formats/campaign.ts',
    ],
    tests: FEED_PARSER_TESTS,
    env: { PROPERTY_RUNS: '25', MUTATION_SHARED_WORKER: '1' },
  },
  // The log parsers of shared/logs/, one or a few files a module so each run takes minutes
  // (issue 19): the three Windows files alone are 965 mutants.
  'log-windows-firewall': {
    mutate: ['shared/logs/windows-firewall.ts'],
    tests: ['shared/logs/*.test.ts'],
    // Pure parsers: one reused test process; the property tests capped (300 log lines, 25 runs).
    env: { PROPERTY_RUNS: '25', MUTATION_SHARED_WORKER: '1' },
  },
  'log-windows-dns': {
    mutate: ['shared/logs/windows-dns.ts'],
    tests: ['shared/logs/*.test.ts'],
    // Pure parsers: one reused test process; the property tests capped (300 log lines, 25 runs).
    env: { PROPERTY_RUNS: '25', MUTATION_SHARED_WORKER: '1' },
  },
  'log-windows-events': {
    mutate: ['shared/logs/windows-events.ts'],
    tests: ['shared/logs/*.test.ts'],
    // Pure parsers: one reused test process; the property tests capped (300 log lines, 25 runs).
    env: { PROPERTY_RUNS: '25', MUTATION_SHARED_WORKER: '1' },
  },
  // The network log parsers (firewalls, DNS servers, proxies and IDS): pure functions, so one reused
  // test process (MUTATION_SHARED_WORKER). firewalls.ts alone is 393 mutants (over an hour here), so
  // it is cut in two by line range: filterlog and MikroTik, then Cisco ASA and FortiGate.
  // The firewalls' own example tests: with NETWORK_LOG_TESTS (the format detection's and the
  // property tests load the hunt and its fixtures for each mutant) the 2026-12-02 17:05 run of
  // log-firewalls-asa-fortigate tested 12 mutants in 8 minutes at a load of 25.
  'log-firewalls': {
    mutate: ['shared/logs/firewalls.ts:1-130'],
    tests: FIREWALL_TESTS,
    env: NETWORK_LOG_ENV,
  },
  'log-firewalls-asa-fortigate': {
    mutate: ['shared/logs/firewalls.ts:131-230'],
    tests: FIREWALL_TESTS,
    env: NETWORK_LOG_ENV,
  },
  'log-dns-servers': {
    mutate: ['shared/logs/dns-servers.ts'],
    tests: NETWORK_LOG_TESTS,
    env: NETWORK_LOG_ENV,
  },
  'log-proxies': {
    mutate: ['shared/logs/sophos.ts', 'shared/logs/squid.ts'],
    tests: NETWORK_LOG_TESTS,
    env: NETWORK_LOG_ENV,
  },
  'log-ids': {
    mutate: ['shared/logs/suricata.ts', 'shared/logs/zeek.ts'],
    tests: NETWORK_LOG_TESTS,
    env: NETWORK_LOG_ENV,
  },
  // The common code of shared/logs/ in three modules (one run of the six files, 1 210 mutants, is
  // well over an hour here; time.ts alone is 611 mutants, detect.ts with the rest 599).
  // The time readers and the format detection: their own example tests only. Every parser's
  // tests reach time.ts and detect.ts, and each mutant's run loads every test file that covers it:
  // with all of shared/logs/*.test.ts the 2026-12-02 17:00 runs tested 2 to 6 mutants a minute at
  // a load of 18 to 29 (a dry run of 24 s, 20 s of it loading the files), hours for 981 mutants.
  'log-common-time': {
    mutate: ['shared/logs/time.ts', 'shared/logs/syslog-time.ts'],
    tests: [
      'shared/logs/log-common.mutation.test.ts',
      'shared/logs/time.mutation.test.ts',
      'shared/logs/time-edges.mutation.test.ts',
      'shared/logs/user-time.test.ts',
    ],
    // Run in UTC+7: local time of the computer (a Windows log's) differs from UTC only off UTC,
    // and Stryker's worker threads cannot change their zone (time.mutation.test.ts).
    env: { MUTATION_SHARED_WORKER: '1', TZ: 'Asia/Ho_Chi_Minh' },
  },
  'log-common-detect': {
    mutate: ['shared/logs/detect.ts'],
    tests: [
      'shared/logs/log-common.mutation.test.ts',
      'shared/logs/detect.mutation.test.ts',
      'shared/logs/detect-lines.mutation.test.ts',
    ],
    env: { MUTATION_SHARED_WORKER: '1' },
  },
  'log-common-records': {
    mutate: ['shared/logs/columns.ts', 'shared/logs/record.ts', 'shared/logs/url.ts'],
    tests: ['shared/logs/*.test.ts'],
    // Pure parsers: one reused test process; the property tests capped (300 log lines, 25 runs).
    env: { PROPERTY_RUNS: '25', MUTATION_SHARED_WORKER: '1' },
  },
};
