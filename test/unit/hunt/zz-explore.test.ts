import { it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fixture, huntText } from '/work/wt-hunt/test/unit/hunt/helpers';
it('x', () => {
  for (const f of readdirSync('/work/wt-hunt/test/fixtures/logs/real')) {
    if (!/\.(log|json)$/.test(f)) continue;
    const { report, format } = huntText(f, fixture('real/' + f));
    console.log(f, format, JSON.stringify(report.files[0]), report.warnings.slice(0, 3).map((w) => `${w.line}: ${w.message}`));
  }
});
