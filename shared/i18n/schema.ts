// The zod shape of a catalogue message at a boundary (IPC, saved records).
import { z } from 'zod';

/** Text that crosses a boundary as a catalogue key and its parameters, worded where shown. */
export const messageSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** A note for people (catalogue message) with the raw text behind it for IT, if any. */
export const noteSchema = messageSchema.extend({ detail: z.string().optional() });
export type Note = z.infer<typeof noteSchema>;
