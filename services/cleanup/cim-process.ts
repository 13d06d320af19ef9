// Output of `Get-CimInstance Win32_Process`: the default table (as people paste it, realdata 20)
// and the JSON our evidence script prints. The table's header words are never translated, but
// names contain spaces ("System Idle Process"), so columns are cut at the dash underline.
import { z } from 'zod';

/** One row of the Win32_Process table view. */
export interface CimProcessRow {
  pid: number;
  name: string;
  line: number;
}

/** Parses the Get-CimInstance Win32_Process table view (several tables, truncation markers). */
export function parseCimProcessTable(text: string): CimProcessRow[] {
  const rows: CimProcessRow[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let cols: { start: number; end: number }[] | null = null;
  let pidCol = -1;
  let nameCol = -1;
  lines.forEach((line, i) => {
    if (/^-{3,}(\s+-+)+\s*$/.test(line)) {
      const header = lines[i - 1] ?? '';
      cols = [...line.matchAll(/-+/g)].map((m, k, all) => ({
        start: m.index,
        end: k + 1 < all.length ? all[k + 1].index : Infinity,
      }));
      const names = cols.map((c) => header.slice(c.start, c.end === Infinity ? undefined : c.end).trim());
      pidCol = names.findIndex((n) => /^ProcessId$/i.test(n));
      nameCol = names.findIndex((n) => /^Name$/i.test(n));
      return;
    }
    if (!cols || pidCol < 0 || nameCol < 0 || line.trim() === '') {
      if (line.trim() === '') cols = null;
      return;
    }
    const cut = (c: { start: number; end: number }) =>
      line.slice(c.start, c.end === Infinity ? undefined : c.end).trim();
    const pid = cut(cols[pidCol]);
    if (!/^\d+$/.test(pid)) return; // "/---OUTPUT TRUNCATED---/" and other prose
    rows.push({ pid: Number(pid), name: cut(cols[nameCol]), line: i + 1 });
  });
  return rows;
}

const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

/** The JSON printed by EVIDENCE_SCRIPT (one object). */
export const evidenceJsonSchema = z.object({
  ProcessId: nullable(z.number().int()),
  Name: nullable(z.string()),
  ExecutablePath: nullable(z.string()),
  CommandLine: nullable(z.string()),
  CreationDate: nullable(z.string()),
  ParentProcessId: nullable(z.number().int()),
  ParentName: nullable(z.string()),
  SignatureStatus: nullable(z.string()),
  SignatureMessage: nullable(z.string()),
  Signer: nullable(z.string()),
});
