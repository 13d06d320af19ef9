// Catalogue keys the code builds at run time (`t(\`check.steps.${step}\`)`), which a search for
// literal keys cannot see. The catalogue test counts a key matched by `keys` as used, and fails when
// the template that builds it is no longer in the code. `*` stands for one key segment or its tail.

/** One family of keys built at run time: the keys, the template prefix that builds them, and why. */
export interface DynamicKeys {
  keys: string;
  template: string;
  why: string;
}

/** Keys built from `template`, for one reason: every key below it (`template*`), or those named. */
function family(template: string, why: string, keys: readonly string[] = [`${template}*`]): DynamicKeys[] {
  return keys.map((k) => ({ keys: k, template, why }));
}

export const dynamicKeys: readonly DynamicKeys[] = [
  ...family('nav.', 'the navigation lists its screens by id'),
  ...family('settings.', 'language radio buttons, by language code', ['settings.vi', 'settings.en']),
  ...family('settings.outcome.', 'FeedUpdate.outcome'),
  ...family('check.steps.', 'ScanProgress.step'),
  ...family('home.state.', 'the home status, by HomeState'),
  ...family('home.list_', 'the list freshness line, by freshness'),
  ...family('consent.field.', 'the consent list, by result field path', [
    'consent.field.*',
    'consent.field.os.*',
    'consent.field.counts.*',
    'consent.field.counts.findings.*',
  ]),
  ...family('settings.it.', 'the IT contact fields, by field name'),
  ...family('details.live.', 'live mode badge, by LiveStatus', ['details.live.new', 'details.live.ended']),
  ...family('cracked.', 'numbered paragraphs of the cracked-software screen', [
    'cracked.risk*',
    'cracked.example*',
    'cracked.instead*',
  ]),
  ...family('cleanup.', 'numbered steps of the official-tool screen', ['cleanup.how*']),
  ...family('verdict.product.', 'LicensingFinding.kind'),
  ...family('verdict.via.', 'Finding.via'),
  ...family('details.col.', 'column ids of the connections table'),
  ...family('details.pathStatus.', 'Connection.pathStatus'),
  ...family('cleanup.guide.outcome.', 'StepResult.outcome'),
  ...family('cleanup.guide.stepName.', 'CleanupLogEntry.step'),
  ...family('errors.', 'IpcError.code'),
  ...family('tally.problem.', 'TallyQueueStatus problem code'),
  ...family('hunt.summaryMissing.', 'why a hunt summary cannot be sent'),
  ...family('msg.feed.', 'FeedFailure / FeedRejection code of a list update'),
  ...family('settings.origin.', 'FeedStatus.origin'),
  ...family('export.col.', 'csvColumns of the connections export'),
  ...family('msg.tally.refusal.', 'Refusal.error of the tally'),
  ...family('msg.cli.feed.label.', 'the rows of `feed status`'),
  ...family('msg.cli.table.col.', 'column headers of the scan tables'),
  ...family('msg.input.what.', 'InputKind of node-shared/input-file.ts'),
  ...family('msg.cli.captures.col.', 'columns of the captures summary'),
  ...family('msg.cli.captures.verdict.', 'CapturePc.verdict'),
  ...family('msg.cli.captures.html.verdict.', 'CapturePc.verdict on the HTML page'),
  ...family('msg.evidenceReport.step.', 'ActionLogEntry.step in the evidence report'),
  ...family('msg.evidenceReport.kind.', 'Finding.kind in the evidence report'),
  ...family('msg.evidenceReport.via.', 'Finding.via in the evidence report'),
  ...family('msg.evidenceReport.severity.', 'Finding.severity in the evidence report'),
  ...family('msg.evidenceReport.outcome.', 'ActionLogEntry.outcome in the evidence report'),
  ...family('msg.process.pathStatus.', "Connection.pathStatus in the command line's table"),
];
