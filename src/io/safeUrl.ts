/**
 * Link safety (docs/reliability.md #14): a link from a board, a scenario or an import may only be
 * http, https or mailto. An allow-list, never a block-list: `javascript:`, `data:`, `vbscript:`,
 * `file:`, `blob:` and anything new are refused because they are not on it.
 */

export const SAFE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
export const MAX_URL_CHARS = 2048;

export interface SafeUrlOptions {
  /**
   * Accept relative links (`/docs`, `./x`, `x.html`), resolved against `base`. Off by default:
   * a board's links travel with the board, and a relative link means nothing elsewhere.
   */
  allowRelative?: boolean;
  base?: string;
}

/** True when `s` is an http, https or mailto link, by the same parser the browser uses. */
export function isSafeUrl(s: unknown, options: SafeUrlOptions = {}): boolean {
  return toSafeHref(s, options) !== null;
}

/**
 * The normalised href to render for `s`, or null when it is not safe. Render this value rather
 * than the raw text, so that what the browser follows is exactly what was checked.
 */
export function toSafeHref(s: unknown, options: SafeUrlOptions = {}): string | null {
  if (typeof s !== 'string' || s.length === 0 || s.length > MAX_URL_CHARS) return null;
  const href = check(s, options);
  if (href === null) return null;
  // The text may later be written into HTML or SVG markup (an export), where the HTML parser
  // decodes entities: `javascript&colon;…` must be refused here, not only after decoding.
  const decoded = decodeHtmlEntities(s);
  if (decoded !== s && check(decoded, options) === null) return null;
  return href;
}

function check(
  s: string,
  { allowRelative = false, base = 'https://faultline.invalid/' }: SafeUrlOptions,
): string | null {
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    if (!allowRelative) return null;
    try {
      url = new URL(s, base);
    } catch {
      return null;
    }
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

const NAMED: Record<string, string> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  lpar: '(',
  rpar: ')',
  period: '.',
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00A0',
};

/** Decodes the HTML character references an attacker would use to hide a scheme (`&#58;`, `&colon;`, `&#x3A`). */
function decodeHtmlEntities(s: string): string {
  return s.replace(
    /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z]{2,8}));?/g,
    (whole, hex?: string, dec?: string, name?: string) => {
      if (name !== undefined)
        return Object.hasOwn(NAMED, name.toLowerCase()) ? NAMED[name.toLowerCase()]! : whole;
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}
