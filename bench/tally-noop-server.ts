// The ceiling for the tally benchmark: the same Fastify, the same JSON body parsing, no schema, no
// storage. Run as its own process so it competes for the CPU exactly like the real server.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 16 * 1024 });
app.post('/api/v1/results', (_req, reply) => reply.code(201).send({ status: 'stored' }));
const address = await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
console.log(`tally listening on ${address}`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
