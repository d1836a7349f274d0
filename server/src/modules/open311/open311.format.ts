// Open311 wire formats: XML (the default, with the spec's element names) and JSON (the same data as bare arrays).
import { XMLBuilder } from 'fast-xml-parser';

export type Format = 'xml' | 'json';

export const CONTENT_TYPES: Record<Format, string> = { xml: 'text/xml; charset=utf-8', json: 'application/json; charset=utf-8' };

/** The format named by a path's extension; anything else (or none) is XML, the spec's required default. */
export function formatOfPath(url: string): Format {
  return url.split('?')[0].toLowerCase().endsWith('.json') ? 'json' : 'xml';
}

/** Splits `code.json` / `code.xml` / `code` into the resource id and its format. */
export function splitFormat(file: string): { id: string; format: Format } {
  const m = /^(.*)\.(xml|json)$/i.exec(file);
  return m ? { id: m[1], format: m[2].toLowerCase() as Format } : { id: file, format: 'xml' };
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, ignoreAttributes: true });
const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

type Plain = Record<string, unknown>;

/** XML elements cannot say null: an absent value is an empty element, as in the spec's examples. */
function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Plain).map(([k, v]) => [k, forXml(v)]));
  return value;
}

export function xmlDocument(root: string, body: unknown): string {
  return `${DECLARATION}\n${builder.build({ [root]: forXml(body) })}`;
}

/**
 * One response in either format. `list` names the XML root and child element of an array response
 * (services/service, service_requests/request, errors/error); nested arrays (attributes, values, formats) are
 * wrapped by their presenters as the spec's XML shows them.
 */
export function render(format: Format, data: unknown, xml: { root: string; item?: string; shape?: (d: unknown) => unknown }): string {
  if (format === 'json') return JSON.stringify(data);
  const shaped = xml.shape ? xml.shape(data) : data;
  return xmlDocument(xml.root, xml.item ? { [xml.item]: shaped } : shaped);
}

export interface Open311ErrorBody {
  code: number;
  description: string;
}

export function renderErrors(format: Format, errors: Open311ErrorBody[]): string {
  return render(format, errors, { root: 'errors', item: 'error' });
}
