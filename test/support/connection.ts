// The one connection fixture of the tests: a clean ESTABLISHED TCP connection from chrome.exe
// (pid 100, 10.0.0.5:50000) to 93.184.216.34:443, with what a test cares about overridden.
import type { Connection } from '../../shared/domain';

/** A connection with `over` applied. */
export const connection = (over: Partial<Connection> = {}): Connection => ({
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
