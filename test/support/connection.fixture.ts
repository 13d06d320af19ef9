// Test fixture shared by the connection-rows tests: a clean ESTABLISHED connection, overridable.
import type { Connection } from '../../shared/domain';

/** A connection from chrome.exe (pid 100) to 93.184.216.34:443, with `over` applied. */
export const conn = (over: Partial<Connection>): Connection => ({
  protocol: 'tcp',
  localAddress: '10.0.0.5',
  localPort: 50000,
  remoteAddress: '93.184.216.34',
  remotePort: 443,
  state: 'ESTABLISHED',
  pid: 100,
  processName: 'chrome.exe',
  processPath: null,
  services: [],
  ...over,
});
