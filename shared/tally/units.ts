// The tally's public list of registered units (GET /api/v1/units): what the app offers in its unit
// picker. Units are public bodies (code and name), never people or machines.
import { z } from 'zod';

/** One registered unit. */
export const unitSchema = z.strictObject({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(300),
});

/** The whole list, bounded. */
export const unitListSchema = z.array(unitSchema).max(20_000);
export type UnitList = z.infer<typeof unitListSchema>;
