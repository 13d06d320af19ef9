// `scan` on captures from another PC: reads --netstat, --tasklist, --tasklist-svc, --processes,
// --dns-cache and --hosts once, and refuses a capture that yields nothing of its kind (a tasklist CSV given to
// --netstat, an empty file) with one line saying which file and what to do, instead of reporting
// "no findings" about a machine it never saw.
import type { Connection, DnsRecord, ParseIssue } from '../shared/domain';
import { parseHostsFile } from '../shared/parsers/hosts-file';
import { emptyCaptureError } from '../services/capture-error';
import { connectionsFromCaptures } from '../services/connections';
import type { ScanDeps } from '../services/scan/types';
import { dnsCacheFromCapture, noRecords } from '../services/scan/sources';
import { decodeCommandOutput } from '../services/text-decode';

/** The capture paths as given on the command line. */
export interface ScanCapturePaths {
  netstat?: string;
  tasklist?: string;
  tasklistSvc?: string;
  /** Get-CimInstance Win32_Process … | Export-Csv (or ConvertTo-Json): path, parent, command line. */
  processes?: string;
  dnsCache?: string;
  hosts?: string;
}

const blankText = (text: string): boolean => text.replace(/^\uFEFF/, '').trim() === '';

/** Reads and checks every capture; returns the scan's connection and record sources over them. */
export async function loadScanCaptures(
  paths: ScanCapturePaths,
  readCapture: (flag: string, path: string) => Promise<Uint8Array>,
  codePage: number | undefined,
): Promise<Pick<ScanDeps, 'connections' | 'dnsCache' | 'hostsFile'>> {
  const decode = (bytes: Uint8Array): string => decodeCommandOutput(bytes, { codePage });
  let captured: { connections: Connection[]; warnings: ParseIssue[] } = { connections: [], warnings: [] };
  if (paths.netstat !== undefined) {
    const netstat = await readCapture('--netstat', paths.netstat);
    const tasklist =
      paths.tasklist !== undefined ? await readCapture('--tasklist', paths.tasklist) : undefined;
    const tasklistSvc =
      paths.tasklistSvc !== undefined ? await readCapture('--tasklist-svc', paths.tasklistSvc) : undefined;
    const processes =
      paths.processes !== undefined ? await readCapture('--processes', paths.processes) : undefined;
    const result = connectionsFromCaptures(
      {
        netstat,
        ...(tasklist ? { tasklist } : {}),
        ...(tasklistSvc ? { tasklistSvc } : {}),
        ...(processes ? { processes } : {}),
      },
      {
        codePage,
        fileNames: {
          netstat: paths.netstat,
          tasklist: paths.tasklist,
          tasklistSvc: paths.tasklistSvc,
          processes: paths.processes,
        },
      },
    );
    if (result.rows.netstat === 0)
      throw emptyCaptureError('--netstat', paths.netstat, blankText(decode(netstat)));
    if (tasklist && result.rows.tasklist === 0)
      throw emptyCaptureError('--tasklist', paths.tasklist!, blankText(decode(tasklist)));
    if (tasklistSvc && result.rows.tasklistSvc === 0)
      throw emptyCaptureError('--tasklist-svc', paths.tasklistSvc!, blankText(decode(tasklistSvc)));
    if (processes && result.rows.processes === 0)
      throw emptyCaptureError('--processes', paths.processes!, blankText(decode(processes)));
    captured = { connections: result.connections, warnings: result.warnings };
  }

  let dnsCache = noRecords;
  if (paths.dnsCache !== undefined) {
    const bytes = await readCapture('--dns-cache', paths.dnsCache);
    const read = await dnsCacheFromCapture(bytes, paths.dnsCache, codePage)();
    if (read.records.length === 0)
      throw emptyCaptureError('--dns-cache', paths.dnsCache, blankText(decode(bytes)));
    dnsCache = () => Promise.resolve(read);
  }

  let hostsFile = noRecords;
  if (paths.hosts !== undefined) {
    const text = decode(await readCapture('--hosts', paths.hosts));
    const parsed = parseHostsFile(text, paths.hosts);
    // Windows' own hosts file holds comments only, and that is a good capture. Nothing usable is
    // an empty file, or one whose lines are all something else (a netstat output, a CSV).
    if (parsed.records.length === 0 && (blankText(text) || parsed.errors.length > 0))
      throw emptyCaptureError('--hosts', paths.hosts, blankText(text));
    const records: DnsRecord[] = parsed.records;
    hostsFile = () => Promise.resolve({ records, warnings: parsed.errors });
  }

  return { connections: { list: () => Promise.resolve(captured) }, dnsCache, hostsFile };
}
