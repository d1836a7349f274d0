// The Open311 XML writer is hand-written for speed: it must give byte for byte what fast-xml-parser's XMLBuilder gave
// (the writer the module used before, kept here as the reference) for every shape the module renders.
import { XMLBuilder } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { render, renderErrors, xmlDocument } from '../../src/modules/open311/open311.format.ts';

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, ignoreAttributes: true });
function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, forXml(v)]));
  return value;
}
const reference = (root: string, body: unknown) =>
  `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: forXml(body) })}`;

const request = (i: number) => ({
  service_request_id: `SY-2026-${i}`,
  status: i % 2 ? 'open' : 'closed',
  status_notes: i % 3 ? `不予受理：超出"受理范围" <见附件> & 'x'` : null,
  service_name: '政务服务',
  service_code: 'cat-facilities-office',
  description: `第${i}号：自助设备故障\n影响办事 ]]> <![CDATA[ -->`,
  agency_responsible: i % 5 ? '市市场监管局' : null,
  service_notice: '一般问题10个工作日内办结',
  requested_datetime: '2026-11-30T10:00:00+08:00',
  updated_datetime: undefined,
  expected_datetime: null,
  address: '',
  address_id: null,
  lat: i % 4 ? 41.7 + i / 1e4 : null,
  long: i === 3 ? -0 : 123.45,
  media_url: 'https://example.org/a.jpg?x=1&y=2',
});

describe('open311 XML writer', () => {
  it('writes the same bytes as XMLBuilder for requests, empty lists, errors and nested definitions', () => {
    const requests = Array.from({ length: 50 }, (_, i) => request(i));
    expect(render('xml', requests, { root: 'service_requests', item: 'request' })).toBe(
      reference('service_requests', { request: requests }),
    );
    expect(render('xml', [], { root: 'service_requests', item: 'request' })).toBe(
      reference('service_requests', { request: [] }),
    );
    expect(renderErrors('xml', [{ code: 400, description: 'start_date: must be <ISO 8601> & "zoned"' }])).toBe(
      reference('errors', { error: [{ code: 400, description: 'start_date: must be <ISO 8601> & "zoned"' }] }),
    );
    const definition = {
      service_code: 'a&b',
      attributes: {
        attribute: [
          {
            variable: true,
            code: 'size',
            datatype: 'singlevaluelist',
            required: false,
            datatype_description: null,
            order: 1,
            description: '大小',
            values: {
              value: [
                { key: 's', name: '小' },
                { key: 'l', name: "L'大" },
              ],
            },
          },
          {
            variable: false,
            code: 'note',
            datatype: 'text',
            required: true,
            datatype_description: '',
            order: 2,
            description: null,
            values: { value: [] },
          },
        ],
      },
    };
    expect(xmlDocument('service_definition', definition)).toBe(reference('service_definition', definition));
    const discovery = {
      changeset: '2026-11-30T00:00:00+08:00',
      contact: '听劝',
      endpoints: { endpoint: [{ url: 'http://x/open311/v2', formats: { format: ['text/xml', 'application/json'] } }] },
    };
    expect(xmlDocument('discovery', discovery)).toBe(reference('discovery', discovery));
  });

  it('renders JSON unchanged by the XML path', () => {
    const requests = [request(1), request(2)];
    expect(render('json', requests, { root: 'service_requests', item: 'request' })).toBe(JSON.stringify(requests));
  });
});
