// The detached signature that travels next to a campaign feed as `FEED.sig`.
// Format (JSON, UTF-8), documented here because the agency's tools and the app must agree:
//   {"format":"sachmadoc-feed-signature","formatVersion":1,"alg":"ed25519",
//    "keyId":"<16 hex: first 8 bytes of SHA-256 of the raw 32-byte public key>",
//    "sig":"<base64 of the 64-byte Ed25519 signature over the feed file's exact bytes>"}
// keyId is only a hint for which pinned key to try first; verification still tries every pinned
// key, so a wrong or missing hint never makes a genuine feed fail.
import { z } from 'zod';

/** Schema of a `.sig` file. */
export const signatureFileSchema = z.strictObject({
  format: z.literal('sachmadoc-feed-signature'),
  formatVersion: z.literal(1),
  alg: z.literal('ed25519'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 lower-case hex digits'),
  sig: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'expected base64 of a 64-byte Ed25519 signature'),
});

export type SignatureFile = z.infer<typeof signatureFileSchema>;

/** Serialises a signature file exactly as the agency's tools write it (stable key order, newline). */
export function formatSignatureFile(keyId: string, sigBase64: string): string {
  const file: SignatureFile = {
    format: 'sachmadoc-feed-signature',
    formatVersion: 1,
    alg: 'ed25519',
    keyId,
    sig: sigBase64,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
