// App-made identifiers (the database never makes ids, so both dialects behave alike).
import { randomBytes, randomFillSync, randomInt } from 'node:crypto';

let lastMs = 0;
let counter = 0;

// Random hex for ids from a pool refilled 4 KiB at a time: a randomBytes call per id (five per intake) was a
// noticeable share of the intake's CPU.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function randomHex(bytes: number): string {
  if (poolAt + bytes > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const hex = pool.toString('hex', poolAt, poolAt + bytes);
  poolAt += bytes;
  return hex;
}

/** Time-ordered id (UUIDv7 layout, hex without dashes) so that inserts stay at the end of the index. */
export function newId(now = Date.now()): string {
  if (now === lastMs) counter++;
  else {
    lastMs = now;
    counter = randomInt(0, 1 << 11);
  }
  const rand = randomHex(8);
  const ts = now.toString(16).padStart(12, '0');
  const seq = (0x7000 | (counter & 0xfff)).toString(16);
  return `${ts}${seq}${rand}`;
}

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L: read aloud over the phone

/** Random code from an unambiguous alphabet; 12 characters ≈ 59 bits, far beyond guessing under rate limits. */
export function randomCode(length = 12): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)];
  return out;
}

export function randomDigits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(0, 10));
  return out;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
