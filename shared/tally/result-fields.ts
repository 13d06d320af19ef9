// Every field the anonymized result sends, as dotted paths in the order of its schema, so the
// consent text lists each one with its meaning (renderer catalogue `consent.field.<path>`) and a
// field added to the schema cannot go unexplained (a test checks both catalogues).
import { z } from 'zod';
import { anonymizedResultSchema } from './result';

function leaves(schema: z.ZodType, prefix: string): string[] {
  if (schema instanceof z.ZodObject)
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, s]) =>
      leaves(s, prefix ? `${prefix}.${key}` : key),
    );
  return [prefix];
}

/** The dotted path of every field of the anonymized result ("os.family", "counts.findings.ip"…). */
export const RESULT_FIELDS: readonly string[] = leaves(anonymizedResultSchema, '');
