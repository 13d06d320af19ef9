// Who and what the evidence report is about: computer name, domain, user, Windows build, and the
// local IP and MAC addresses. The agency's record needs them to find the PC again; they stay in the
// report on this machine and are never part of the anonymized tally result (tested).
import { hostname, networkInterfaces, release, userInfo, version } from 'node:os';
import type { NetworkInterfaceInfo } from 'node:os';

/** One network address of the machine, with the adapter it belongs to. */
export interface MachineAddress {
  adapter: string;
  address: string;
  family: 'IPv4' | 'IPv6';
  mac: string | null;
}

/** The machine as the evidence report names it. */
export interface MachineIdentity {
  computerName: string;
  /** Windows domain (DNS name when joined), or null (a workgroup PC, or not Windows). */
  domain: string | null;
  user: string;
  /** e.g. "Windows 10 Pro (10.0.19045)". */
  osBuild: string;
  addresses: MachineAddress[];
}

/** What the identity is read from (node:os and the environment; tests pass their own). */
export interface MachineFacts {
  hostname: () => string;
  user: () => string;
  osVersion: () => string;
  osRelease: () => string;
  interfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  env: Record<string, string | undefined>;
}

const NO_MAC = '00:00:00:00:00:00';

/** The real machine's facts. */
export function nodeMachineFacts(env: Record<string, string | undefined> = process.env): MachineFacts {
  return {
    hostname,
    user: () => {
      try {
        return userInfo().username;
      } catch {
        return env.USERNAME ?? env.USER ?? '';
      }
    },
    osVersion: version,
    osRelease: release,
    interfaces: networkInterfaces,
    env,
  };
}

/** Reads the identity; loopback and internal adapters are left out (they name no machine). */
export function readMachineIdentity(facts: MachineFacts = nodeMachineFacts()): MachineIdentity {
  // Windows gives the NetBIOS name in upper case; COMPUTERNAME is what people see in System settings.
  const computerName = facts.env.COMPUTERNAME ?? facts.hostname();
  // USERDOMAIN equals the computer name on a workgroup PC: no domain then.
  const userDomain = facts.env.USERDOMAIN;
  const domain =
    facts.env.USERDNSDOMAIN ??
    (userDomain && userDomain.toUpperCase() !== computerName.toUpperCase() ? userDomain : null);
  const addresses: MachineAddress[] = [];
  for (const [adapter, infos] of Object.entries(facts.interfaces())) {
    for (const i of infos ?? []) {
      if (i.internal) continue;
      addresses.push({
        adapter,
        address: i.address,
        family: i.family === 'IPv6' ? 'IPv6' : 'IPv4',
        mac: i.mac && i.mac !== NO_MAC ? i.mac.toUpperCase() : null,
      });
    }
  }
  const osVersion = facts.osVersion();
  const osRelease = facts.osRelease();
  return {
    computerName,
    domain,
    user: facts.user(),
    osBuild: osVersion.includes(osRelease) ? osVersion : `${osVersion} (${osRelease})`,
    addresses,
  };
}
