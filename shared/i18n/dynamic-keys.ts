// Catalogue keys the code builds at run time (`t(\`check.steps.${step}\`)`), which a search for
// literal keys cannot see. The catalogue test counts a key matched by `keys` as used, and fails when
// the template that builds it is no longer in the code. `*` stands for one key segment or its tail.

/** One family of keys built at run time: the keys, the template prefix that builds them, and why. */
export interface DynamicKeys {
  keys: string;
  template: string;
  why: string;
}

export const dynamicKeys: readonly DynamicKeys[] = [
  { keys: 'nav.*', template: 'nav.', why: 'the navigation lists its screens by id' },
  { keys: 'settings.vi', template: 'settings.', why: 'language radio buttons, by language code' },
  { keys: 'settings.en', template: 'settings.', why: 'language radio buttons, by language code' },
  { keys: 'settings.outcome.*', template: 'settings.outcome.', why: 'FeedUpdate.outcome' },
  { keys: 'check.steps.*', template: 'check.steps.', why: 'ScanProgress.step' },
  { keys: 'home.state.*', template: 'home.state.', why: 'the home status, by HomeState' },
  { keys: 'home.list_*', template: 'home.list_', why: 'the list freshness line, by freshness' },
  { keys: 'consent.field.*', template: 'consent.field.', why: 'the consent list, by result field path' },
  { keys: 'consent.field.os.*', template: 'consent.field.', why: 'the consent list, by result field path' },
  {
    keys: 'consent.field.counts.*',
    template: 'consent.field.',
    why: 'the consent list, by result field path',
  },
  {
    keys: 'consent.field.counts.findings.*',
    template: 'consent.field.',
    why: 'the consent list, by result field path',
  },
  { keys: 'settings.it.*', template: 'settings.it.', why: 'the IT contact fields, by field name' },
  { keys: 'details.live.new', template: 'details.live.', why: 'live mode badge, by LiveStatus' },
  { keys: 'details.live.ended', template: 'details.live.', why: 'live mode badge, by LiveStatus' },
  { keys: 'cracked.risk*', template: 'cracked.', why: 'numbered paragraphs of the cracked-software screen' },
  {
    keys: 'cracked.example*',
    template: 'cracked.',
    why: 'numbered paragraphs of the cracked-software screen',
  },
  {
    keys: 'cracked.instead*',
    template: 'cracked.',
    why: 'numbered paragraphs of the cracked-software screen',
  },
  { keys: 'cleanup.how*', template: 'cleanup.', why: 'numbered steps of the official-tool screen' },
  { keys: 'verdict.product.*', template: 'verdict.product.', why: 'LicensingFinding.kind' },
  { keys: 'verdict.via.*', template: 'verdict.via.', why: 'Finding.via' },
  { keys: 'details.col.*', template: 'details.col.', why: 'column ids of the connections table' },
  { keys: 'details.pathStatus.*', template: 'details.pathStatus.', why: 'Connection.pathStatus' },
  { keys: 'cleanup.guide.outcome.*', template: 'cleanup.guide.outcome.', why: 'StepResult.outcome' },
  { keys: 'cleanup.guide.stepName.*', template: 'cleanup.guide.stepName.', why: 'CleanupLogEntry.step' },
  { keys: 'errors.*', template: 'errors.', why: 'IpcError.code' },
  { keys: 'tally.problem.*', template: 'tally.problem.', why: 'TallyQueueStatus problem code' },
  {
    keys: 'hunt.summaryMissing.*',
    template: 'hunt.summaryMissing.',
    why: 'why a hunt summary cannot be sent',
  },
  { keys: 'msg.feed.*', template: 'msg.feed.', why: 'FeedFailure / FeedRejection code of a list update' },
  { keys: 'settings.origin.*', template: 'settings.origin.', why: 'FeedStatus.origin' },
  { keys: 'export.col.*', template: 'export.col.', why: 'csvColumns of the connections export' },
  { keys: 'msg.tally.refusal.*', template: 'msg.tally.refusal.', why: 'Refusal.error of the tally' },
  { keys: 'msg.cli.feed.label.*', template: 'msg.cli.feed.label.', why: 'the rows of `feed status`' },
  { keys: 'msg.cli.table.col.*', template: 'msg.cli.table.col.', why: 'column headers of the scan tables' },
  { keys: 'msg.input.what.*', template: 'msg.input.what.', why: 'InputKind of node-shared/input-file.ts' },
  {
    keys: 'msg.cli.captures.col.*',
    template: 'msg.cli.captures.col.',
    why: 'columns of the captures summary',
  },
  { keys: 'msg.cli.captures.verdict.*', template: 'msg.cli.captures.verdict.', why: 'CapturePc.verdict' },
  {
    keys: 'msg.cli.captures.html.verdict.*',
    template: 'msg.cli.captures.html.verdict.',
    why: 'CapturePc.verdict on the HTML page',
  },
];
