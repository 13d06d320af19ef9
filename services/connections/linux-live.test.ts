// Live: real sockets on this Linux machine, listed through the real runner (ss) and /proc.
import { realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createExecFileRunner } from '../command-runner';
import { createConnectionService } from '.';
import { useLivePeer } from '../../test/support/live-peer';

// The child connects over TCP, opens an unconnected and a connected UDP socket, prints their
// local ports, then waits to be killed.
const CHILD = `
const net = require('node:net');
const dgram = require('node:dgram');
const [host, port] = process.argv.slice(1);
const s = net.connect(Number(port), host, () => {
  const u = dgram.createSocket('udp4');
  u.bind(0, '127.0.0.1', () => {
    // A connected UDP socket, as QUIC keeps one: it has a remote address.
    const q = dgram.createSocket('udp4');
    q.connect(Number(port), host === '::ffff:127.0.0.1' ? '127.0.0.1' : host, () =>
      process.stdout.write(JSON.stringify({ tcp: s.localPort, udp: u.address().port, quic: q.address().port }) + '\\n'));
  });
});
s.on('error', (e) => { console.error(e.message); process.exit(3); });
setTimeout(() => process.exit(0), 20000);
`;

const peer = useLivePeer();

async function listenAndConnect(listenHost: string, connectHost: string) {
  const port = await peer.listen(listenHost);
  const { line, pid } = await peer.run(CHILD, [connectHost, String(port)]);
  const ports = JSON.parse(line) as { tcp: number; udp: number; quic: number };
  return { port, ...ports, pid };
}

const service = () =>
  createConnectionService({ runner: createExecFileRunner({ timeoutMs: 10_000 }), platform: 'linux' });

// Real ss and /proc: Linux only (the Windows workflow runs the rest of the suite).
describe.runIf(process.platform === 'linux')('connection service, live on Linux', () => {
  it('lists a child process connection to a 127.0.0.1 listener with its pid, name "node" and path', async () => {
    const { port, tcp, udp, quic, pid } = await listenAndConnect('127.0.0.1', '127.0.0.1');
    const { connections } = await service().list();
    const mine = connections.find(
      (c) => c.protocol === 'tcp' && c.remotePort === port && c.localPort === tcp,
    );
    expect(mine).toEqual({
      protocol: 'tcp',
      localAddress: '127.0.0.1',
      localPort: tcp,
      remoteAddress: '127.0.0.1',
      remotePort: port,
      state: 'ESTABLISHED',
      pid,
      processName: 'node',
      processPath: realpathSync(process.execPath),
      services: [],
    });
    // The listener is this test process.
    expect(connections.find((c) => c.localPort === port && c.state === 'LISTEN')).toMatchObject({
      pid: process.pid,
    });
    // Unconnected UDP sockets are listed too (systeminformation's Linux branch drops them).
    expect(connections.find((c) => c.protocol === 'udp' && c.localPort === udp)).toMatchObject({
      localAddress: '127.0.0.1',
      remoteAddress: '*',
      state: '',
      pid,
      processName: 'node',
    });
    expect(connections.find((c) => c.protocol === 'udp' && c.localPort === quic)).toMatchObject({
      remoteAddress: '127.0.0.1',
      remotePort: port,
      pid,
    });
  });

  it('reports a dual-stack connection to ::ffff:127.0.0.1 as 127.0.0.1', async () => {
    const { port, tcp, pid } = await listenAndConnect('::', '::ffff:127.0.0.1');
    const { connections } = await service().list();
    const mine = connections.find(
      (c) => c.protocol === 'tcp' && c.localPort === tcp && c.remotePort === port,
    );
    expect(mine).toMatchObject({
      localAddress: '127.0.0.1',
      remoteAddress: '127.0.0.1',
      pid,
      processName: 'node',
      state: 'ESTABLISHED',
    });
    expect(connections.find((c) => c.localPort === port && c.state === 'LISTEN')).toMatchObject({
      localAddress: '::',
    });
  });
});
