// Guessing a tracking code: the code space is too large to guess, a random code is refused exactly like a wrong PIN
// (no oracle for which codes exist), the look-up and the requester's tracked writes are rate limited per client, and
// neither the code nor the PIN is written to the server's log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_REDACT } from '../../src/app.ts';
import { createTestContext, intakeBody, type TestContext } from '../harness.ts';

let t: TestContext;
const log: string[] = [];
const receipts: { id: string; trackingCode: string; accessPin: string }[] = [];

/** Requests from one client address (the app trusts the proxy's X-Forwarded-For), so each test has its own limit. */
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const track = (code: string, pin: string, ip: string) =>
  t.call(
    null,
    'GET',
    `/api/public/track?code=${encodeURIComponent(code)}&pin=${encodeURIComponent(pin)}`,
    undefined,
    from(ip),
  );

beforeAll(async () => {
  t = await createTestContext({
    env: { LOGIN_RATE_PER_MINUTE: '5' },
    logger: { level: 'trace', redact: LOG_REDACT, stream: { write: (line: string) => void log.push(line) } },
  });
  for (let i = 0; i < 60; i++) {
    const res = await t.call(null, 'POST', '/api/public/items', intakeBody(), from('10.0.0.1'));
    expect(res.statusCode, res.body).toBe(201);
    receipts.push(res.json());
  }
}, 120_000);
afterAll(() => t?.close());

function randomCode(alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

describe('tracking codes', () => {
  it('are drawn from a space far beyond guessing (≥ 2^40), with a PIN on top', () => {
    const lengths = new Set(receipts.map((r) => r.trackingCode.length));
    const alphabet = new Set(receipts.flatMap((r) => [...r.trackingCode]));
    expect(new Set(receipts.map((r) => r.trackingCode)).size).toBe(receipts.length);
    expect(lengths.size).toBe(1);
    const length = [...lengths][0];
    // 720 characters drawn uniformly from 31 show all 31 (a letter missing by chance: p ≈ 2e-9).
    const bits = length * Math.log2(alphabet.size);
    expect(bits).toBeGreaterThanOrEqual(40);
    for (const r of receipts) expect(r.accessPin).toMatch(/^\d{6}$/);
    console.log(
      `tracking: code ${length} characters × ${alphabet.size}-letter alphabet = ${bits.toFixed(1)} bits, plus a 6-digit PIN (${(6 * Math.log2(10)).toFixed(1)} bits)`,
    );
  });

  it('refuses a random code exactly like a real code with a wrong PIN', async () => {
    const real = receipts[0];
    const alphabet = [...new Set(receipts.flatMap((r) => [...r.trackingCode]))].join('');
    const ok = await track(real.trackingCode, real.accessPin, '10.0.1.1');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().id).toBe(real.id);
    const wrongPin = await track(real.trackingCode, real.accessPin === '000000' ? '000001' : '000000', '10.0.1.1');
    const randomWithPin = await track(randomCode(alphabet, real.trackingCode.length), real.accessPin, '10.0.1.1');
    const randomLower = await track(randomCode(alphabet, real.trackingCode.length).toLowerCase(), '123456', '10.0.1.1');
    for (const res of [wrongPin, randomWithPin, randomLower]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(wrongPin.json());
    }
    // The requester's tracked writes answer the same way.
    const body = (code: string, pin: string) => ({ code, pin, payload: { note: '补充说明' } });
    const w1 = await t.call(
      null,
      'POST',
      '/api/public/track/add_info',
      body(real.trackingCode, '000000'),
      from('10.0.1.2'),
    );
    const w2 = await t.call(
      null,
      'POST',
      '/api/public/track/add_info',
      body(randomCode(alphabet, 12), '000000'),
      from('10.0.1.2'),
    );
    expect([w1.statusCode, w2.statusCode]).toEqual([404, 404]);
    expect(w1.json()).toEqual(w2.json());
  });

  it('limits guesses per client: 429 after 30 a minute, while another client still gets its answer', async () => {
    const alphabet = [...new Set(receipts.flatMap((r) => [...r.trackingCode]))].join('');
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++)
      statuses.push((await track(randomCode(alphabet, 12), '123456', '10.0.2.1')).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    // Even the right code and PIN wait for the window to pass on that client …
    expect((await track(receipts[1].trackingCode, receipts[1].accessPin, '10.0.2.1')).statusCode).toBe(429);
    // … while another client is served.
    expect((await track(receipts[1].trackingCode, receipts[1].accessPin, '10.0.2.2')).statusCode).toBe(200);

    for (const route of ['rate', 'appeal', 'add_info']) {
      const seen: number[] = [];
      for (let i = 0; i < 31; i++) {
        const res = await t.call(
          null,
          'POST',
          `/api/public/track/${route}`,
          { code: randomCode(alphabet, 12), pin: '123456', payload: {} },
          from(`10.0.3.${route.length}`),
        );
        seen.push(res.statusCode);
      }
      expect(seen[30], `${route} after 30 guesses`).toBe(429);
      expect(seen.slice(0, 30).includes(429), `${route} within the limit`).toBe(false);
    }
    const guesses = 30 * 4;
    const space = 31 ** 12 * 10 ** 6;
    console.log(
      `tracking: 429 after 30 guesses a minute per client and route; at ${guesses}/min one client needs ~${(space / 2 / guesses / 525_960).toExponential(1)} years to try half the codes with PINs`,
    );
  });

  it('cannot be dodged by a client that makes up X-Forwarded-For addresses (only a proxy on this host is believed)', async () => {
    const alphabet = [...new Set(receipts.flatMap((r) => [...r.trackingCode]))].join('');
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/public/track?code=${randomCode(alphabet, 12)}&pin=123456`,
        remoteAddress: '203.0.113.9', // a client on the internet, talking to the server directly
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(30)).toEqual([429, 429]);
    // Behind a proxy on this host, the address the proxy appended counts, not what the client put before it.
    const viaProxy: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await t.call(
        null,
        'GET',
        `/api/public/track?code=${randomCode(alphabet, 12)}&pin=123456`,
        undefined,
        { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.10` },
      );
      viaProxy.push(res.statusCode);
    }
    expect(viaProxy[30]).toBe(429);

    // The login throttle counts the same address (here 5 a minute): made-up headers do not buy more password guesses.
    const logins: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody', password: 'guess' },
        remoteAddress: '203.0.113.20',
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
      });
      logins.push(res.statusCode);
    }
    expect(logins.slice(0, 5).includes(429)).toBe(false);
    expect(logins.slice(5)).toEqual([429, 429]);
  });

  it('writes neither the code nor the PIN to the log', () => {
    const text = log.join('');
    expect(text).toContain('/api/public/track');
    const secrets = receipts.slice(0, 2).flatMap((r) => [r.trackingCode, `pin=${r.accessPin}`]);
    expect(secrets.filter((s) => text.includes(s))).toEqual([]);
  });
});
