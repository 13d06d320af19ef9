// The unit's enrolment token deployed with the installer, so IT staff need not type it on every PC:
// a small JSON file `{ "unitToken": "smd-unit-…" }` at %ProgramData%\SachMaDoc\unit.json (or the
// path in SACHMADOC_UNIT_CONFIG), optionally with `"itContact": {name, unit, phone, email}`. A token
// or contact typed in Settings wins over it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { contactSchema } from '../../shared/campaign-feed/campaign-feed';
import { bilingual } from '../../shared/i18n';

const deployedSchema = z.strictObject({
  unitToken: z
    .string()
    .regex(/^[\x21-\x7e]{16,512}$/, 'printable ASCII, 16–512 characters')
    .optional(),
  /** The unit's own IT contact, deployed with the installer (a contact typed in Settings wins). */
  itContact: contactSchema.optional(),
});

export type DeployedUnitConfig = z.infer<typeof deployedSchema>;

/** Where the installer puts the file on this machine (null: no such place here). */
export function deployedUnitConfigPath(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
): string | null {
  if (env.SACHMADOC_UNIT_CONFIG) return env.SACHMADOC_UNIT_CONFIG;
  if (platform !== 'win32') return null;
  return join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'SachMaDoc', 'unit.json');
}

/**
 * Reads the deployed config; absent is `{}`. A file that is there but wrong is an error that names
 * the file (and the field), so IT staff fix the deployment instead of wondering why sends fail.
 */
export async function readDeployedUnitConfig(path: string | null): Promise<DeployedUnitConfig> {
  if (path === null) return {};
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(
      `${path}: ${bilingual('msg.tally.configUnreadable', { code: (e as NodeJS.ErrnoException).code ?? 'error' })}`,
      { cause: e },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(
      `${path}:1: ${bilingual('msg.tally.configInvalidJson', { error: (e as Error).message })}`,
      {
        cause: e,
      },
    );
  }
  const parsed = deployedSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || `(${bilingual('msg.tally.configRoot', undefined, '/')})`}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
