/**
 * Inline styles in a shared draft: only what Lexical's own formatting writes (a font, a size,
 * a colour), judged after the text is parsed the way a browser would read it. Pattern-matching
 * the raw text ("no url(") was bypassed by CSS escapes (`\75 rl(`, `u\rl(`), `image-set(` and
 * escaped data: URLs; here every declaration must name an allowed property with a value of an
 * allowed shape, so nothing that fetches or runs can be spelled at all.
 */

const MAX_STYLE = 1000;
const NUMBER = String.raw`\d{1,4}(?:\.\d{1,4})?`;
const CHANNEL = String.raw`\s*${NUMBER}%?\s*`;
const ALPHA = String.raw`\s*(?:0|1|0?\.\d{1,4}|${NUMBER}%)\s*`;
const COLOUR = new RegExp(
  String.raw`^(?:#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|[a-z]{3,24}|rgba?\(${CHANNEL},${CHANNEL},${CHANNEL}(?:,${ALPHA})?\)|hsla?\(${CHANNEL},${CHANNEL},${CHANNEL}(?:,${ALPHA})?\))$`,
);
const SIZE = new RegExp(String.raw`^(?:${NUMBER}(?:px|pt|em|rem|%)|xx-small|x-small|small|medium|large|x-large|xx-large|smaller|larger)$`);
/** The families Lexical's font menu offers, the bundled text font, and the generic ones. */
const FAMILIES = new Set([
  'arial',
  'courier new',
  'georgia',
  'times new roman',
  'trebuchet ms',
  'verdana',
  'helvetica',
  'garamond',
  'literata',
  'serif',
  'sans-serif',
  'monospace',
  'cursive',
  'system-ui',
]);

const isFamilyList = (value: string) =>
  value.split(',').every((name) => FAMILIES.has(name.trim().replace(/^(["'])(.*)\1$/, '$2').toLowerCase()));

const ALLOWED: Record<string, (value: string) => boolean> = {
  color: (v) => COLOUR.test(v),
  'background-color': (v) => COLOUR.test(v),
  'font-size': (v) => SIZE.test(v),
  'font-family': isFamilyList,
};

/** Resolves CSS escapes (`\75 `, `\r`, an escaped newline) as a browser's tokenizer would. */
function unescapeCss(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(\r\n|[\n\r\f])|([\s\S]))/g, (_m, hex: string | undefined, newline: string | undefined, other: string | undefined) => {
    if (hex) {
      const code = parseInt(hex, 16);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
    }
    if (newline) return '';
    return other ?? '';
  });
}

/** The declarations of a style attribute, if every one is allowed; `null` if any is not. */
export function parseSafeStyle(style: string): Array<[property: string, value: string]> | null {
  if (style.length > MAX_STYLE) return null;
  const text = unescapeCss(style).toLowerCase();
  // Comments, at-rules, strings or blocks are not something a font menu writes.
  if (/[/\\{}@<>]/.test(text)) return null;
  const declarations: Array<[string, string]> = [];
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const colon = part.indexOf(':');
    if (colon < 0) return null;
    const property = part.slice(0, colon).trim();
    const value = part
      .slice(colon + 1)
      .trim()
      .replace(/\s*!important$/, '');
    const allowed = ALLOWED[property];
    if (!allowed || !Object.hasOwn(ALLOWED, property) || !allowed(value)) return null;
    declarations.push([property, value]);
  }
  return declarations;
}

/** True when a style holds only allowed declarations. The empty style (almost every node) costs nothing. */
export function isSafeStyle(style: string): boolean {
  return style === '' || parseSafeStyle(style) !== null;
}
