import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/domain';
import { parseWin32Process } from '../../shared/parsers/win32-process';
import { applyProcessFacts } from '../../shared/processes/process-facts';
import { buildEvidenceJson, renderEvidenceHtml } from './report';

const { rows } = parseWin32Process(
  readFileSync(new URL('../../test/fixtures/processes/win32-process-ps51.csv.txt', import.meta.url), 'utf8'),
  'p.csv',
);
const base = (pid: number, remotePort: number): Connection => ({
  protocol: 'tcp',
  localAddress: '192.168.1.20',
  localPort: 49822,
  remoteAddress: '198.51.100.77',
  remotePort,
  state: 'ESTABLISHED',
  pid,
  processName: null,
  processPath: null,
  services: [],
});
const connections = applyProcessFacts(
  [base(6412, 443), base(6412, 8443), base(7344, 8080), base(832, 135)],
  rows,
);
const disguised = connections.filter((c) => c.disguise === true);

describe('evidence report: disguised system executables', () => {
  it('lists each disguised process once with path, parent and escaped command line', () => {
    const html = renderEvidenceHtml({
      generatedAt: '2026-12-02T06:00:00Z',
      findings: [],
      evidence: [],
      actions: [],
      disguised,
    });
    expect(html).toContain(
      'GIẢ DẠNG tệp hệ thống: tên của Windows nhưng nằm ngoài System32<br><span class="en">DISGUISED system executable: a Windows name outside System32</span> (2)</h2>',
    );
    expect(html).toContain('<code>C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe</code>');
    expect(html).toContain('explorer.exe (PID 4120)');
    // The command line is attacker-chosen text: quotes are escaped, never raw HTML.
    expect(html).toContain(
      '&#34;C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\svchost.exe&#34; -k netsvcs',
    );
    expect(html).not.toContain('system32\\svchost.exe</code>');
  });

  it('carries the disguised connections in the JSON document, and no section when there are none', () => {
    const json = buildEvidenceJson({ generatedAt: 'x', findings: [], evidence: [], actions: [], disguised });
    expect(json.disguised.map((c) => c.pid)).toEqual([6412, 6412, 7344]);
    const none = renderEvidenceHtml({ generatedAt: 'x', findings: [], evidence: [], actions: [] });
    expect(none).not.toContain('GIẢ DẠNG');
  });
});
