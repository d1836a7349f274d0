// Attachments on an item: magic-byte type checks (415), size (413) and count (409) limits, the attach event on the
// hash chain, scoped download, and the requester's upload with the tracking code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, intakeBody, type Session, type TestContext } from '../harness.ts';
import { verifyChains } from '../../src/modules/ledger/event.repository.ts';

let t: TestContext;
let dispatcher: Session, handlerTax: Session, dispatcherShenhe: Session;

beforeAll(async () => {
  t = await createTestContext();
  [dispatcher, handlerTax, dispatcherShenhe] = await Promise.all(
    ['dispatcher', 'handler.tax', 'dispatcher.shenhe'].map((u) => t.login(u)),
  );
});
afterAll(() => t?.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

/** A multipart/form-data body with text fields and one file. */
function form(fields: Record<string, string>, file?: { name: string; type: string; content: Buffer }) {
  const boundary = `----tq${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(
  as: Session | null,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; type: string; content: Buffer },
) {
  const f = form(fields, file);
  return t.app.inject({
    method: 'POST',
    url,
    payload: f.payload,
    headers: { ...f.headers, ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrf } : {}) },
  });
}

async function raise(over: Record<string, unknown> = {}) {
  const res = await t.call(null, 'POST', '/api/public/items', intakeBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; trackingCode: string; accessPin: string };
}

const countAttachments = async (id: string) =>
  Number(
    (
      await t.database.db
        .selectFrom('attachment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('item_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('attachments', () => {
  it('stores a PNG with its sha256, chains an attach event and streams it back to readers who may see the item', async () => {
    const item = await raise();
    const res = await upload(
      dispatcher,
      `/api/items/${item.id}/attachments`,
      {},
      { name: '现场照片.png', type: 'image/png', content: PNG },
    );
    expect(res.statusCode, res.body).toBe(201);
    const att = res.json();
    expect(att).toMatchObject({ filename: '现场照片.png', mime: 'image/png', size: PNG.length });
    expect(att.sha256).toMatch(/^[0-9a-f]{64}$/);

    const detail = (await t.call(dispatcher, 'GET', `/api/items/${item.id}`)).json();
    expect(detail.attachments.map((a: { id: string }) => a.id)).toEqual([att.id]);
    expect(detail.events.at(-1)).toMatchObject({ action: 'attach', data: { attachmentId: att.id, mime: 'image/png' } });
    expect((await verifyChains(t.database.db)).ok).toBe(true);

    const file = await t.call(dispatcher, 'GET', `/api/items/${item.id}/attachments/${att.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);

    // The tax bureau holds no assignment on this item: the item and its files do not exist for it.
    expect((await t.call(handlerTax, 'GET', `/api/items/${item.id}/attachments/${att.id}`)).statusCode).toBe(404);
    expect(
      (
        await upload(
          handlerTax,
          `/api/items/${item.id}/attachments`,
          {},
          { name: 'x.png', type: 'image/png', content: PNG },
        )
      ).statusCode,
    ).toBe(404);
    // Another district's bureau neither.
    const other = await raise({ districtId: 'd-210106' });
    expect(
      (
        await upload(
          dispatcherShenhe,
          `/api/items/${other.id}/attachments`,
          {},
          { name: 'x.png', type: 'image/png', content: PNG },
        )
      ).statusCode,
    ).toBe(404);
  });

  it('answers 415 for a spoofed type, 413 for an oversize file, 400 without a file — and changes nothing', async () => {
    const item = await raise();
    const before = (await t.call(dispatcher, 'GET', `/api/items/${item.id}`)).json().events.length;
    const spoofed = await upload(
      dispatcher,
      `/api/items/${item.id}/attachments`,
      {},
      { name: 'photo.jpg', type: 'image/jpeg', content: Buffer.from('MZ\x90\x00 this is an executable, not a photo') },
    );
    expect(spoofed.statusCode, spoofed.body).toBe(415);
    expect(spoofed.json().code).toBe('unsupported_media_type');
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const tooBig = await upload(
      dispatcher,
      `/api/items/${item.id}/attachments`,
      {},
      { name: 'big.pdf', type: 'application/pdf', content: big },
    );
    expect(tooBig.statusCode, tooBig.body).toBe(413);
    const none = await upload(dispatcher, `/api/items/${item.id}/attachments`, { note: 'x' });
    expect(none.statusCode).toBe(400);
    expect(none.json().issues[0].path).toBe('file');
    expect(await countAttachments(item.id)).toBe(0);
    expect((await t.call(dispatcher, 'GET', `/api/items/${item.id}`)).json().events.length).toBe(before);
  });

  it('takes at most 10 files per item (409 for the eleventh)', async () => {
    const item = await raise();
    for (let i = 0; i < 10; i++) {
      const res = await upload(
        dispatcher,
        `/api/items/${item.id}/attachments`,
        {},
        { name: `p${i}.pdf`, type: 'application/pdf', content: PDF },
      );
      expect(res.statusCode, res.body).toBe(201);
    }
    const res = await upload(
      dispatcher,
      `/api/items/${item.id}/attachments`,
      {},
      { name: 'p10.pdf', type: 'application/pdf', content: PDF },
    );
    expect(res.statusCode).toBe(409);
    expect(await countAttachments(item.id)).toBe(10);
  });

  it('lets the requester attach with the tracking code and PIN, and nobody with a wrong PIN', async () => {
    const item = await raise();
    const wrong = await upload(
      null,
      '/api/public/track/attachments',
      { code: item.trackingCode, pin: '000000' === item.accessPin ? '111111' : '000000' },
      { name: 'a.pdf', type: 'application/pdf', content: PDF },
    );
    expect(wrong.statusCode).toBe(404);
    const res = await upload(
      null,
      '/api/public/track/attachments',
      { code: item.trackingCode, pin: item.accessPin },
      { name: '收据.pdf', type: 'application/pdf', content: PDF },
    );
    expect(res.statusCode, res.body).toBe(201);
    const tracked = await t.call(null, 'GET', `/api/public/track?code=${item.trackingCode}&pin=${item.accessPin}`);
    expect(tracked.json().attachments).toHaveLength(1);
    const ev = await t.database.db
      .selectFrom('event')
      .select(['action', 'actor_role'])
      .where('item_id', '=', item.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(ev).toEqual({ action: 'attach', actor_role: 'requester' });
  });
});
