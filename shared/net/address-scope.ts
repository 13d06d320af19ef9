// What an address means before any feed is consulted: a hosts-file "block" target (the line
// sends the name nowhere), or an address that only exists inside the agency's own network.
import { parseIp } from './ip';

/**
 * True for the addresses a hosts line uses to block a name: 0.0.0.0, anything in 127.0.0.0/8,
 * :: and ::1. A name mapped there leads nowhere, so the line is protection, not a hijack.
 */
export function isBlockingAddress(text: string): boolean {
  const ip = parseIp(text);
  if (ip === null) return false;
  if (ip.family === 4) return ip.value === 0 || ip.value >>> 24 === 127;
  const [a, b, c, d] = ip.words;
  return a === 0 && b === 0 && c === 0 && (d === 0 || d === 1);
}

/**
 * True for private (RFC 1918, shared address space RFC 6598, unique-local fc00::/7) and link-local
 * (169.254/16, fe80::/10) addresses: a host there is inside the organisation's own network, never a
 * public service. Loopback is NOT included: a KMS "server" on the machine itself is an emulator.
 */
export function isPrivateOrLinkLocal(text: string): boolean {
  const ip = parseIp(text);
  if (ip === null) return false;
  if (ip.family === 4) {
    const v = ip.value >>> 0;
    const a = v >>> 24;
    const b = (v >>> 16) & 0xff;
    return (
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const top = ip.words[0] >>> 16;
  return (top & 0xfe00) === 0xfc00 || (top & 0xffc0) === 0xfe80;
}
