// The only reader of process.env: parsed once, frozen, and every problem listed before the process gives up.
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/tingquan.db')
    .refine((u) => u.startsWith('sqlite:') || u.startsWith('postgres://') || u.startsWith('postgresql://'), {
      message: 'must start with sqlite: or postgres://',
    }),
  DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  SEED_ITEMS: z.coerce.number().int().min(0).max(2_000_000).default(30_000),
  /** Enterprises in the policy platform's demo (一企一档); browser tests and benchmarks use fewer. */
  SEED_ENTERPRISES: z.coerce.number().int().min(0).max(2_000_000).default(20_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  WORKERS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).default(2_000),
  CITY_CODE: z
    .string()
    .regex(/^[A-Z]{2,4}$/)
    .default('SY'),
  CITY_NAME: z.string().default('沈阳市'),
  WEB_DIST: z.string().default('web/dist'),
  INTAKE_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /**
   * Which peers may say who the client is (X-Forwarded-For, -Host, -Proto): `loopback` (a proxy on this host),
   * addresses/CIDRs separated by commas, `true` (anyone: only behind a proxy that strips the header) or `false`.
   * Per-client rate limits (login, tracking) count the address this yields.
   */
  TRUST_PROXY: z
    .string()
    .min(1)
    .default('loopback')
    .transform((v): boolean | string => (v === 'true' ? true : v === 'false' ? false : v)),
  /**
   * The address people outside reach this service at (behind the city's proxy: `https://tingquan.city.gov.cn`). Every
   * link that leaves the system (SMS, webhooks, e-mail, QR codes) is built on it; unset, it is this process's own
   * `http://HOST:PORT`, which only suits a demo on one machine.
   */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), { message: 'must be an http(s) URL' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  OPEN311_JURISDICTION: z.string().min(1).default('shenyang.gov.cn'),
  /** Policy matching's CPU work in a worker thread (`false`: on the event loop, as a fallback). */
  POLICY_WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** How long a matching run's claim lasts without progress before another process (or a restart) takes it over. */
  POLICY_RUN_LEASE_MS: z.coerce.number().int().min(1000).default(120_000),
  /** Enterprises per matching chunk (one transaction each); the crash suite uses small chunks to kill runs mid-way. */
  POLICY_RUN_CHUNK: z.coerce.number().int().min(1).max(100_000).default(1000),
});

export type Config = Readonly<Omit<z.infer<typeof schema>, 'PUBLIC_URL'> & { PUBLIC_URL: string }>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const data = parsed.data;
  const host = data.HOST === '0.0.0.0' || data.HOST === '::' ? '127.0.0.1' : data.HOST;
  return Object.freeze({ ...data, PUBLIC_URL: data.PUBLIC_URL ?? `http://${host}:${data.PORT}` });
}
