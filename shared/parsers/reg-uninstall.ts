// Parser for `reg query <key> /s` output, and the installed-programs view of the Uninstall keys
// (HKLM, HKCU, and the 32-bit WOW6432Node hive). reg.exe prints a key path at column 0, then its
// values indented as "<name>    REG_<TYPE>    <data>". Value names can contain spaces and the
// unnamed value is printed in the display language ("(Default)", "(默认)", "(Standard)"...), so a
// value line is split on its REG_ type token, and a parenthesised name is the default value.
import type { ParseIssue } from '../domain';

/** One value of a registry key. `name` is "" for the default (unnamed) value. */
export interface RegValue {
  name: string;
  type: string;
  data: string;
  line: number;
  /** The line as printed, for evidence. */
  text: string;
}

/** One key block of `reg query /s` output. */
export interface RegKey {
  /** Full path as printed, e.g. "HKEY_LOCAL_MACHINE\SOFTWARE\...\Uninstall\7-Zip". */
  path: string;
  line: number;
  values: RegValue[];
}

/** One entry of an Uninstall key, as "Programs and Features" would list it. */
export interface InstalledProgram {
  /** Sub-key name (often a {GUID}). */
  key: string;
  path: string;
  hive: 'HKLM' | 'HKCU' | 'OTHER';
  /** True for 32-bit programs on 64-bit Windows (WOW6432Node). */
  wow64: boolean;
  displayName: string | null;
  displayVersion: string | null;
  publisher: string | null;
  installLocation: string | null;
  uninstallString: string | null;
  /** Hidden from Programs and Features (SystemComponent = 1). */
  systemComponent: boolean;
  line: number;
}

const KEY_LINE = /^(HKEY_[A-Z_]+|HKLM|HKCU|HKCR|HKU|HKCC)(\\.*)?$/i;
const VALUE_LINE =
  /^\s*(.*?)\s+(REG_(?:SZ|EXPAND_SZ|MULTI_SZ|DWORD|QWORD|BINARY|NONE|LINK|DWORD_BIG_ENDIAN|RESOURCE_LIST|FULL_RESOURCE_DESCRIPTOR|RESOURCE_REQUIREMENTS_LIST))(?:\s{2,}(.*?)|\s*)$/;

/** Parses `reg query ... /s` (any display language) into key blocks with their values. */
export function parseRegQuery(text: string, file: string): { keys: RegKey[]; errors: ParseIssue[] } {
  const keys: RegKey[] = [];
  const errors: ParseIssue[] = [];
  let current: RegKey | null = null;
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, i) => {
      const line = i + 1;
      const textLine = raw.replace(/\r$/, '');
      if (textLine.trim() === '') return;
      if (KEY_LINE.test(textLine.trim()) && !/^\s/.test(textLine)) {
        current = { path: textLine.trim(), line, values: [] };
        keys.push(current);
        return;
      }
      const m = VALUE_LINE.exec(textLine);
      if (!m) return; // "End of search", localised banners, headings: not data.
      if (!current) {
        errors.push({
          file,
          line,
          message: 'registry value before any key line; is this `reg query` output?',
        });
        return;
      }
      const rawName = m[1].trim();
      // "(Default)" in any language: a name wholly in parentheses (ASCII or full-width).
      const name = /^[(（][^()（）]*[)）]$/.test(rawName) ? '' : rawName;
      current.values.push({ name, type: m[2], data: m[3] ?? '', line, text: textLine.trim() });
    });
  return { keys, errors };
}

/** Value of `name` (case-insensitive) in a key, or null when absent or empty. */
export function regValue(key: RegKey, name: string): string | null {
  const v = key.values.find((x) => x.name.toLowerCase() === name.toLowerCase());
  return v && v.data !== '' ? v.data : null;
}

const hiveOf = (path: string): InstalledProgram['hive'] =>
  /^(HKEY_LOCAL_MACHINE|HKLM)\\/i.test(path)
    ? 'HKLM'
    : /^(HKEY_CURRENT_USER|HKCU)\\/i.test(path)
      ? 'HKCU'
      : 'OTHER';

/** Parses `reg query …\Uninstall /s` (both hives, WOW6432Node) into installed programs. */
export function parseRegUninstall(
  text: string,
  file: string,
): { programs: InstalledProgram[]; errors: ParseIssue[] } {
  const { keys, errors } = parseRegQuery(text, file);
  const programs: InstalledProgram[] = [];
  for (const key of keys) {
    // Only direct sub-keys of ...\Uninstall are programs; the Uninstall key itself is not.
    const m = /\\Uninstall\\([^\\]+)$/i.exec(key.path);
    if (!m) continue;
    const dword = regValue(key, 'SystemComponent');
    programs.push({
      key: m[1],
      path: key.path,
      hive: hiveOf(key.path),
      wow64: /\\wow6432node\\/i.test(key.path),
      displayName: regValue(key, 'DisplayName'),
      displayVersion: regValue(key, 'DisplayVersion'),
      publisher: regValue(key, 'Publisher'),
      installLocation: regValue(key, 'InstallLocation'),
      uninstallString: regValue(key, 'UninstallString'),
      systemComponent: dword !== null && Number(dword) === 1,
      line: key.line,
    });
  }
  return { programs, errors };
}
