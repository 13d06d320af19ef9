// The one bilingual-text shape: text for people, Vietnamese first, English second, as data (feed
// campaign names, licensing advice, cleanup steps) carries it across the IPC boundary and in files.
import { z } from 'zod';

/** Bilingual text as it crosses a boundary (IPC payloads, reports). */
export const bilingualTextSchema = z.object({ vi: z.string(), en: z.string() });

/** Bilingual text from a file someone wrote (the signed feed, the shared-platform list): both filled in. */
export const filledBilingualTextSchema = bilingualTextSchema.extend({
  vi: z.string().min(1),
  en: z.string().min(1),
});

/** Bilingual text, Vietnamese first. */
export type BilingualText = z.infer<typeof bilingualTextSchema>;
