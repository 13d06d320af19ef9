// Named Windows Firewall rules that block one remote address outbound. Only rules with our prefix
// are listed or removed, and the address is canonicalised first, so nothing else reaches netsh.
import type { Message } from '../../shared/i18n';
import { canonicalIp } from '../../shared/net/ip';

/** Every rule we create is named RULE_PREFIX + canonical address. */
export const RULE_PREFIX = 'SachMaDoc-Block-';

const netsh = (systemRoot: string) => `${systemRoot}\\System32\\netsh.exe`;

/** The canonical address to block, or a reason it cannot be blocked. */
export function blockableIp(text: string): { ip: string } | { reason: Message } {
  const ip = canonicalIp(text);
  if (ip === null)
    return { reason: { code: 'msg.cleanup.reason.notIp', params: { text: text.slice(0, 60) } } };
  if (ip === '0.0.0.0' || ip === '::' || ip === '::1' || ip.startsWith('127.'))
    return { reason: { code: 'msg.cleanup.reason.thisMachine', params: { ip } } };
  return { ip };
}

/** netsh command that adds the block rule for a canonical address. */
export function addRuleCommand(systemRoot: string, ip: string) {
  return {
    file: netsh(systemRoot),
    args: [
      'advfirewall',
      'firewall',
      'add',
      'rule',
      `name=${RULE_PREFIX}${ip}`,
      'dir=out',
      'action=block',
      `remoteip=${ip}`,
    ],
  };
}

/** netsh command that deletes our rule for a canonical address. */
export function deleteRuleCommand(systemRoot: string, ip: string) {
  return {
    file: netsh(systemRoot),
    args: ['advfirewall', 'firewall', 'delete', 'rule', `name=${RULE_PREFIX}${ip}`],
  };
}

/** netsh command that lists outbound rules (ours are picked out by name). */
export function listRulesCommand(systemRoot: string) {
  return {
    file: netsh(systemRoot),
    args: ['advfirewall', 'firewall', 'show', 'rule', 'name=all', 'dir=out'],
  };
}

/** Addresses of our rules in `netsh ... show rule` output (labels are translated; names are not). */
export function parseOurRules(text: string): string[] {
  const ips = new Set<string>();
  for (const m of text.matchAll(new RegExp(`${RULE_PREFIX}(\\S+)`, 'g'))) {
    const ip = canonicalIp(m[1]);
    if (ip) ips.add(ip);
  }
  return [...ips];
}

/** True when command output says the step needs an elevated (administrator) process. */
export function needsElevation(code: number | null, output: string): boolean {
  return (
    code === 5 ||
    /access is denied|requires elevation|run as administrator|FAILED 5:|truy cập bị từ chối|zugriff verweigert|accès refusé|acceso denegado/i.test(
      output,
    )
  );
}
