// Load held (`npm run bench -- load [--seconds 60] [--connections 16] [--dialect sqlite|postgres]`): mixed traffic,
// 70% reads and 30% writes, against the real server on each dialect; prints the rate, p50/p99 and the errors.
import autocannon from 'autocannon';
import { freshDatabase, login, startServer, type DialectName } from './robust/server-process.ts';

interface Figures {
  dialect: DialectName;
  seconds: number;
  connections: number;
  requests: number;
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

let serial = 0;

async function runDialect(dialect: DialectName, seconds: number, connections: number, port: number): Promise<Figures> {
  const fresh = await freshDatabase(dialect, 'load');
  const server = await startServer(
    { DATABASE_URL: fresh.url, DEMO: 'true', SEED_ITEMS: '2000', WORKERS: 'true' },
    port,
  );
  const dispatcher = await login(server.base, 'dispatcher');
  const headers = { cookie: dispatcher.cookie, 'x-csrf-token': dispatcher.csrf, 'content-type': 'application/json' };
  const body = () =>
    JSON.stringify({
      type: 'complaint',
      categoryId: 'cat-efficiency-queue',
      title: `排队等候过长 ${++serial}`,
      description: '周一上午在政务服务中心办理社保业务排队超过两个小时，希望增加窗口。',
      districtId: 'd-210106',
      requester: { kind: 'person', phone: '13900000000' },
    });
  // One cycle of ten requests per connection: 7 reads, 3 writes (two intakes, and accepting the second).
  const read = (path: string) => ({ method: 'GET' as const, path, headers });
  const requests = [
    read('/api/items?pageSize=20'),
    {
      method: 'POST' as const,
      path: '/api/public/items',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }),
    },
    read('/api/items?status=submitted&pageSize=20'),
    read('/api/items?queue=overdue&pageSize=20'),
    {
      method: 'POST' as const,
      path: '/api/public/items',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }),
      onResponse: (status: number, text: string, context: Record<string, unknown>) => {
        if (status === 201) context.id = JSON.parse(text).id;
      },
    },
    {
      method: 'GET' as const,
      headers,
      setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => ({
        ...req,
        path: `/api/items/${context.id}`,
      }),
    },
    {
      method: 'POST' as const,
      headers,
      setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => ({
        ...req,
        path: `/api/items/${context.id}/accept`,
        body: '{}',
      }),
    },
    read('/api/items?districtId=d-210106&pageSize=50'),
    read('/api/health'),
    read('/api/items?q=%E6%8E%92%E9%98%9F&pageSize=20'),
  ];
  const result = await autocannon({
    url: server.base,
    connections,
    duration: seconds,
    requests: requests as never,
    timeout: 10,
  });
  await server.kill('SIGTERM');
  await fresh.drop();
  const f: Figures = {
    dialect,
    seconds,
    connections,
    requests: result.requests.total,
    rate: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
  console.log(
    `load (${dialect}): ${seconds} s mixed 70/30 at ${connections} connections: ${f.rate.toLocaleString('en-US')} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ${f.errors + f.non2xx} errors (${f.requests.toLocaleString('en-US')} requests)`,
  );
  return f;
}

export default async function load(args: string[]) {
  const arg = (name: string, dflt: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
  const seconds = arg('--seconds', args.includes('--quick') ? 10 : 60);
  const connections = arg('--connections', 16);
  const only = args.includes('--dialect')
    ? [args[args.indexOf('--dialect') + 1] as DialectName]
    : (['sqlite', 'postgres'] as const);
  const results: Figures[] = [];
  for (const [i, d] of only.entries()) results.push(await runDialect(d, seconds, connections, 3500 + i));
  console.log(JSON.stringify({ bench: 'load', results }));
  if (results.some((r) => r.errors + r.non2xx > 0)) process.exit(1);
}
