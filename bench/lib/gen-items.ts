// Bulk generator for the figures benchmark: N ledger items with realistic spreads (channels, districts, categories,
// tiers, a ~99% closure rate, five-level ratings), written straight into the item table by multi-row prepared
// inserts in large transactions on SQLite. No events: the benchmark measures reads of the projection's figures.
import SQLite from 'better-sqlite3';

type Weighted<T> = [T, number][];
function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export interface Org {
  districts: string[];
  centres: { id: string; district: string | null }[];
  departments: string[];
  categories: string[];
}

export function readOrg(file: string): Org {
  const c = new SQLite(file, { readonly: true });
  const org = {
    districts: c
      .prepare('select id from district order by id')
      .all()
      .map((r: any) => r.id),
    centres: c.prepare('select id, district_id as district from service_centre order by id').all() as {
      id: string;
      district: string | null;
    }[],
    departments: c
      .prepare('select id from department order by id')
      .all()
      .map((r: any) => r.id),
    categories: c
      .prepare('select id from category where parent_id is not null order by id')
      .all()
      .map((r: any) => r.id),
  };
  c.close();
  return org;
}

const H = 3_600_000;
const D = 24 * H;

export function generateItems(file: string, n: number, now: number, seed = 20261130): { ms: number } {
  const started = Date.now();
  const org = readOrg(file);
  const rnd = prng(seed);
  const pick = <T>(w: Weighted<T>): T => {
    const total = w.reduce((a, [, x]) => a + x, 0);
    let r = rnd() * total;
    for (const [v, x] of w) if ((r -= x) < 0) return v;
    return w[w.length - 1]![0];
  };
  const any = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Skewed: a few busy districts, departments and categories.
  const skew = <T>(xs: T[]): Weighted<T> => xs.map((x, i) => [x, 1 / (i + 2)]);
  const districtW = skew(org.districts);
  const deptW = skew(org.departments);
  const catW = skew(org.categories);
  const channels: Weighted<string> = [
    ['window', 35],
    ['web', 20],
    ['mobile', 25],
    ['hotline', 15],
    ['letter', 2],
    ['api', 1],
    ['inspection', 1],
    ['callback', 1],
  ];
  const types: Weighted<string> = [
    ['complaint', 45],
    ['help', 20],
    ['consult', 20],
    ['suggestion', 10],
    ['report', 5],
  ];
  const tiers: Weighted<string> = [
    ['simple', 40],
    ['general', 45],
    ['complex', 15],
  ];
  const sats: Weighted<string> = [
    ['very_satisfied', 60],
    ['satisfied', 30],
    ['basically_satisfied', 7],
    ['dissatisfied', 2],
    ['very_dissatisfied', 1],
  ];
  const handleH: Record<string, number> = { simple: 20, general: 60, complex: 150 };

  const conn = new SQLite(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = OFF');
  // The item table has a dozen indexes in scattered key order: a small page cache would thrash on them.
  conn.pragma('cache_size = -1500000');
  const cols = [
    'id',
    'ledger_no',
    'tracking_code',
    'tracking_pin_hash',
    'channel',
    'type',
    'category_id',
    'title',
    'description',
    'district_id',
    'centre_id',
    'requester_kind',
    'confidential',
    'tier',
    'urgent',
    'main_department_id',
    'status',
    'submitted_at',
    'accepted_at',
    'rejected_at',
    'dispatched_at',
    'dispatch_count',
    'return_count',
    'designated',
    'signed_at',
    'contacted_at',
    'replied_at',
    'reply_solved',
    'verified_at',
    'closed_at',
    'redo_count',
    'problem',
    'handle_start_at',
    'handle_due_at',
    'handle_met',
    'next_escalation_at',
    'rating_due_at',
    'extension_days',
    'extended',
    'parked',
    'warn_level',
    'escalation_level',
    'listed',
    'contacted',
    'solved',
    'satisfaction',
    'rating_source',
    'bad_review',
    'rectification',
    'excluded',
    'on_time',
    'event_seq',
    'event_hash',
    'version',
    'updated_at',
  ];
  const ROWS = 100;
  const one = `(${cols.map(() => '?').join(',')})`;
  const stmt = conn.prepare(
    `insert into item (${cols.join(',')}) values ${Array.from({ length: ROWS }, () => one).join(',')}`,
  );
  const hash = '0'.repeat(64);
  const row = (i: number): unknown[] => {
    const submitted = now - Math.floor(rnd() * 365 * D);
    const district = pick(districtW);
    const centre = rnd() < 0.6 ? (org.centres.find((c) => c.district === district)?.id ?? null) : null;
    const tier = pick(tiers);
    const age = now - submitted;
    const rejected = rnd() < 0.01;
    const waiting = !rejected && age < 2 * D && rnd() < 0.2;
    const accepted = rejected || waiting ? null : submitted + Math.floor(rnd() * 4 * H);
    let status = rejected ? 'rejected' : waiting ? 'submitted' : 'closed';
    let replied: number | null = null,
      verified: number | null = null,
      closed: number | null = null,
      due: number | null = null;
    let sat: string | null = null,
      solved: string | null = null,
      contacted: number | null = null,
      onTime: number | null = null,
      handleMet: number | null = null;
    let rating: number | null = null;
    const dept = accepted ? pick(deptW) : null;
    if (accepted) {
      due = accepted + (tier === 'simple' ? 1 : tier === 'general' ? 3 : 7) * D;
      const took = Math.floor(handleH[tier]! * H * (0.2 + rnd() * 1.2));
      replied = accepted + took;
      if (replied > now - H) {
        status = rnd() < 0.8 ? 'in_progress' : 'dispatched';
        replied = null;
      } else {
        handleMet = replied <= due ? 1 : 0;
        verified = replied + Math.floor(rnd() * 2 * D);
        if (verified > now) {
          status = 'replied';
          verified = null;
          rating = replied + 7 * D;
        } else {
          sat = pick(sats);
          solved = rnd() < 0.95 ? 'solved' : rnd() < 0.7 ? 'partly' : 'not';
          contacted = rnd() < 0.97 ? 1 : 0;
          closed = verified + Math.floor(rnd() * D);
          if (closed > now || rnd() < 0.003) {
            status = 'verified';
            closed = null;
          } else onTime = handleMet;
        }
      }
    }
    const bad = sat === 'dissatisfied' || sat === 'very_dissatisfied' ? 1 : 0;
    const updated = closed ?? verified ?? replied ?? accepted ?? submitted;
    const open = status === 'in_progress' || status === 'dispatched';
    return [
      `bench${String(i).padStart(10, '0')}`,
      `SY-B-${String(i).padStart(8, '0')}`,
      `B${String(i).padStart(11, '0')}`,
      hash,
      pick(channels),
      pick(types),
      pick(catW),
      '办事效率问题',
      '基准测试生成的诉求描述。',
      district,
      centre,
      'person',
      0,
      tier,
      0,
      dept,
      status,
      submitted,
      accepted,
      rejected ? submitted + H : null,
      accepted,
      accepted ? 1 : 0,
      accepted && rnd() < 0.03 ? 1 : 0,
      0,
      accepted ? accepted + H : null,
      accepted ? accepted + 2 * H : null,
      replied,
      replied ? 'solved' : null,
      verified,
      closed,
      accepted && rnd() < 0.025 ? 1 : 0,
      0,
      accepted,
      due,
      handleMet,
      open && due !== null && due > now ? due : null,
      rating,
      0,
      accepted && rnd() < 0.01 ? 1 : 0,
      0,
      0,
      0,
      0,
      contacted,
      solved,
      sat,
      sat ? 'requester' : null,
      bad,
      bad && rnd() < 0.9 ? 'immediate' : null,
      0,
      onTime,
      1,
      hash,
      1,
      updated,
    ];
  };
  const insert = conn.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += ROWS) {
      const vals: unknown[] = [];
      for (let k = i; k < i + ROWS; k++) vals.push(...row(k));
      stmt.run(vals);
    }
  });
  const BATCH = 50_000;
  for (let i = 0; i < n; i += BATCH) {
    insert(i, Math.min(n, i + BATCH));
    if (n >= 200_000) process.stdout.write(`\r  generated ${Math.min(n, i + BATCH).toLocaleString('en')} items`);
  }
  if (n >= 200_000) process.stdout.write('\n');
  conn.pragma('wal_checkpoint(TRUNCATE)');
  conn.close();
  return { ms: Date.now() - started };
}
