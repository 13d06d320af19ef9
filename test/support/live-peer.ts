// The live connection tests' peer: a loopback listener and a child Node process that connects to
// it and prints its side of the connection, both closed after each test.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterEach } from 'vitest';

/** A child that connects to `port` on 127.0.0.1, prints its local port, and stays `holdMs`. */
export const tcpClientScript = (port: number, holdMs: number): string =>
  `const s = require('node:net').connect(${port}, '127.0.0.1', () => process.stdout.write(String(s.localPort) + '\\n')); setTimeout(() => process.exit(0), ${holdMs});`;

/** Call at the top of a test file; every listener and child is closed after each test. */
export function useLivePeer(): {
  /** Listens on `host` (a free port) and returns the port. */
  listen(host?: string): Promise<number>;
  /** Runs `script` (with `args`) in a child Node and returns its first line of output and its pid. */
  run(script: string, args?: string[]): Promise<{ line: string; pid: number }>;
} {
  let server: Server | null = null;
  let child: ChildProcess | null = null;
  afterEach(async () => {
    child?.kill();
    if (child && child.exitCode === null) await once(child, 'exit');
    child = null;
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = null;
  });
  return {
    async listen(host = '127.0.0.1') {
      server = createServer((socket) => socket.on('error', () => {}));
      server.listen(0, host);
      await once(server, 'listening');
      return (server.address() as { port: number }).port;
    },
    async run(script, args = []) {
      child = spawn(process.execPath, ['-e', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
      const [line] = (await once(child.stdout!, 'data')) as [Buffer];
      return { line: line.toString().trim(), pid: child.pid! };
    },
  };
}
