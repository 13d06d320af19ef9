import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deployedUnitConfigPath, readDeployedUnitConfig } from './deployed-config';

const dir = mkdtempSync(join(tmpdir(), 'unit-config-'));
afterEach(() => rmSync(join(dir, 'unit.json'), { force: true }));

describe('the installer-deployed unit config', () => {
  it('lives in %ProgramData%\\SachMaDoc on Windows, or where SACHMADOC_UNIT_CONFIG says', () => {
    expect(deployedUnitConfigPath({ ProgramData: 'D:\\PD' }, 'win32')).toBe(
      join('D:\\PD', 'SachMaDoc', 'unit.json'),
    );
    expect(deployedUnitConfigPath({ SACHMADOC_UNIT_CONFIG: '/etc/smd.json' }, 'linux')).toBe('/etc/smd.json');
    expect(deployedUnitConfigPath({}, 'linux')).toBeNull();
  });

  it('reads the token (a BOM from Notepad included); absent is empty', async () => {
    const file = join(dir, 'unit.json');
    expect(await readDeployedUnitConfig(file)).toEqual({});
    writeFileSync(file, '\uFEFF{ "unitToken": "smd-unit-0123456789abcdefghij" }');
    expect(await readDeployedUnitConfig(file)).toEqual({ unitToken: 'smd-unit-0123456789abcdefghij' });
  });

  it('names the file and the field when it is wrong', async () => {
    const file = join(dir, 'unit.json');
    writeFileSync(file, '{ "unitToken": "short" }');
    await expect(readDeployedUnitConfig(file)).rejects.toThrow(`${file}: unitToken:`);
    writeFileSync(file, '{ unitToken: 1 ');
    await expect(readDeployedUnitConfig(file)).rejects.toThrow(`${file}:1: JSON`);
  });
});
