// The baseline of the intake benchmark: a bare Fastify server whose one route does nothing (PORT from the env).
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
app.post('/api/public/items', async (_request, reply) => reply.code(201).send({ ok: true }));
app.get('/api/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });
