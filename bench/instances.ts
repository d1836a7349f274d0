// Several instances (`npm run bench -- instances [--seconds 60]`): two server processes on one PostgreSQL under
// load; every escalation step, missed-deadline record and outbox delivery must happen exactly once.
import { createServer } from 'node:http';
import autocannon from 'autocannon';
import pg from 'pg';
import { freshDatabase, login, post, startServer } from './robust/server-process.ts';

export default async function instances(args: string[]) {
  const seconds = args.includes('--seconds')
    ? Number(args[args.indexOf('--seconds') + 1])
    : args.includes('--quick')
      ? 15
      : 60;
  const fresh = await freshDatabase('postgres', 'instances');

  // A webhook receiver counting each delivered message by its outbox id.
  const deliveries = new Map<string, number>();
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const id = JSON.parse(body).id as string;
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(3690, '127.0.0.1', r));

  const env = {
    DATABASE_URL: fresh.url,
    WORKERS: 'true',
    SWEEP_INTERVAL_MS: '1000',
    OUTBOX_INTERVAL_MS: '200',
    SEED_ITEMS: '0',
  };
  const a = await startServer({ ...env, DEMO: 'true' }, 3601);
  const b = await startServer({ ...env, DEMO: 'false' }, 3602);
  const client = new pg.Client({ connectionString: fresh.url });
  await client.connect();
  await client.query(
    `INSERT INTO webhook (id, url, secret, events, active, created_at) VALUES ('wh-bench', 'http://127.0.0.1:3690/hook', 'bench-secret', '["*"]', 1, $1)`,
    [Date.now()],
  );

  // Items made overdue long ago, so that the whole escalation ladder and the missed sign-for fall due at once.
  const sessions = [await login(a.base, 'dispatcher'), await login(b.base, 'dispatcher')];
  const ids: string[] = [];
  for (let i = 0; i < 200; i++) {
    const base = i % 2 ? b.base : a.base;
    const r = await post(base, '/api/public/items', {
      type: 'complaint',
      categoryId: 'cat-efficiency-slow',
      title: `超期测试 ${i}`,
      description: '用于验证多实例下升级与通知只发生一次的测试诉求。',
      districtId: 'd-210103',
      requester: { kind: 'anonymous' },
    });
    await post(base, `/api/items/${r.json.id}/accept`, {}, { session: sessions[i % 2] });
    await post(
      base,
      `/api/items/${r.json.id}/dispatch`,
      { mainDepartmentId: 'dept-scjg' },
      { session: sessions[i % 2] },
    );
    ids.push(r.json.id);
  }
  const day = 86_400_000;
  const now = Date.now();
  await client.query(
    `UPDATE item SET handle_start_at = $1, handle_due_at = $2, sign_due_at = $3, next_escalation_at = $4 WHERE id = ANY($5)`,
    [now - 40 * day, now - 30 * day, now - 39 * day, now - 1, ids],
  );

  // Both processes serve traffic while both sweep and deliver.
  const readers = [a, b].map((s, i) =>
    autocannon({
      url: s.base,
      connections: 4,
      duration: seconds,
      requests: [{ method: 'GET', path: '/api/items?pageSize=20', headers: { cookie: sessions[i].cookie } }] as never,
    }),
  );
  const writer = (async () => {
    const until = Date.now() + seconds * 1000;
    let n = 0;
    while (Date.now() < until) {
      const s = n % 2 ? b : a;
      await post(s.base, '/api/public/items', {
        type: 'suggestion',
        categoryId: 'cat-other-misc',
        title: `建议 ${n}`,
        description: '建议在政务大厅增加自助办理终端。',
        requester: { kind: 'anonymous' },
      });
      n++;
    }
    return n;
  })();
  const [ra, rb] = await Promise.all(readers);
  const written = await writer;
  await new Promise((r) => setTimeout(r, 3000)); // last outbox round
  await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);

  const events = await client.query(
    `SELECT item_id, action, data FROM event WHERE item_id = ANY($1) AND action IN ('escalation', 'deadline_missed')`,
    [ids],
  );
  const seen = new Map<string, number>();
  for (const e of events.rows) {
    const d = JSON.parse(e.data);
    const k = `${e.item_id}:${e.action}:${d.step ?? d.kind}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const duplicateSteps = [...seen.values()].filter((n) => n > 1).length;
  const itemsFullyEscalated = (
    await client.query(`SELECT count(*)::int AS n FROM item WHERE id = ANY($1) AND escalation_level = 6`, [ids])
  ).rows[0].n;
  const clues = (
    await client.query(`SELECT count(*)::int AS n FROM clue WHERE item_id = ANY($1) AND rule = 'overdue'`, [ids])
  ).rows[0].n;
  const outbox = (
    await client.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'sent')::int AS sent FROM outbox WHERE channel = 'webhook'`,
    )
  ).rows[0];
  const duplicateDeliveries = [...deliveries.values()].filter((n) => n > 1).length;
  await client.end();
  receiver.close();
  await fresh.drop();

  const result = {
    processes: 2,
    seconds,
    requests: ra.requests.total + rb.requests.total + written,
    escalationSteps: [...seen.keys()].filter((k) => k.includes(':escalation:')).length,
    missedDeadlines: [...seen.keys()].filter((k) => k.includes(':deadline_missed:')).length,
    itemsFullyEscalated,
    clues,
    webhookMessages: outbox.n,
    webhookSent: outbox.sent,
    deliveries: deliveries.size,
    duplicateSteps,
    duplicateDeliveries,
    errors: ra.errors + rb.errors + ra.non2xx + rb.non2xx,
  };
  console.log(
    `instances: 2 processes on one PostgreSQL for ${seconds} s, ${result.requests.toLocaleString('en-US')} requests, ` +
      `${result.escalationSteps} escalation steps and ${result.missedDeadlines} missed deadlines on 200 items (${itemsFullyEscalated} fully escalated, ${clues} clues), ` +
      `${result.deliveries} webhook deliveries of ${result.webhookMessages} messages, ${duplicateSteps + duplicateDeliveries} duplicates, ${result.errors} errors`,
  );
  console.log(JSON.stringify({ bench: 'instances', ...result }));
  if (duplicateSteps || duplicateDeliveries || result.errors || itemsFullyEscalated !== 200 || clues !== 200)
    process.exit(1);
}
