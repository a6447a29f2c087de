/**
 * Escaping for every text format we export. User text (labels, notes, titles) is data: in SVG,
 * Markdown and Mermaid output it must show as the characters typed and never become markup
 * (docs/reliability.md #13).
 */

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even as character references.
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes text for an XML/SVG/HTML text node or a double- or single-quoted attribute, and drops
 * characters XML cannot carry at all.
 * @example escapeXml('<b a="1">&') // '&lt;b a=&quot;1&quot;&gt;&amp;'
 */
export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, '').replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

/** Same as escapeXml: HTML text and quoted attributes need exactly the same five characters. */
export const escapeHtml = escapeXml;

// Inline Markdown syntax characters; escaped wherever they occur (CommonMark lets any ASCII
// punctuation be backslash-escaped). `<`, `>` and `&` become entities so that no raw HTML, no
// autolink `<…>` and no entity written by the user survives.
const MD_INLINE = /[\\`*_[\]|~#]/g;
// Block syntax only matters at the start of the text: list items, setext underlines, numbered lists.
const MD_LEADING = /^(\s*)([-+=]|\d+[.)])/;

/**
 * Escapes user text for Markdown inline content (a table cell, a heading, a list item): it shows as
 * typed and never becomes Markdown or HTML. Line breaks become spaces so that text cannot start a
 * new block; a pipe is escaped, so the result is also safe in a GFM table cell.
 * @example escapeMarkdownText('<script>*hi*</script> | x') // '&lt;script&gt;\\*hi\\*&lt;/script&gt; \\| x'
 */
export function escapeMarkdownText(text: string): string {
  return stripControls(text)
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MD_INLINE, (c) => `\\${c}`)
    .replace(
      MD_LEADING,
      (_m, space: string, mark: string) => `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`,
    );
}

/**
 * Escapes user text for a multi-line Markdown block (notes): each line is escaped as inline text and
 * line breaks are kept as hard breaks.
 */
export function escapeMarkdownBlock(text: string): string {
  return text
    .split(/\r\n?|\n|\u2028|\u2029/)
    .map((line) => escapeMarkdownText(line))
    .join('  \n');
}

// Inside a quoted Mermaid label only `"` ends the string, but Mermaid also rewrites `#name;`
// entities across the whole text, treats `%%` as a comment start in places, `;` as a statement end
// in places, a leading backtick as a Markdown string, and renders labels as HTML. Every risky
// character, every control character and every lone surrogate becomes a `#<code>;` entity, which
// Mermaid renders as the character itself; `\n` becomes `<br>`, the only HTML we emit (user `<`
// is always an entity, so a literal `<br>` is always ours). The mapping is exactly reversible.
const MERMAID_RISKY =
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
  /["#&<>`|%;\\[\]{}()\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes a label for a quoted Mermaid label (`id["…"]`, `-->|"…"|`) so that any text stays valid
 * Mermaid and shows as typed.
 * @example escapeMermaidLabel('say "hi" <b>') // 'say #34;hi#34; #60;b#62;'
 */
export function escapeMermaidLabel(text: string): string {
  return text.replace(MERMAID_RISKY, (c) => `#${c.charCodeAt(0)};`).replace(/\n/g, '<br>');
}

const NAMED_ENTITIES: Record<string, string> = {
  quot: '"',
  amp: '&',
  lt: '<',
  gt: '>',
  apos: "'",
  nbsp: '\u00A0',
};

/**
 * Reverses escapeMermaidLabel, and also reads the forms people write by hand: Mermaid's `#quot;` /
 * `#35;`, HTML's `&lt;` / `&#35;` / `&#x23;`, and `<br/>`. Unknown entities are left as written.
 */
export function unescapeMermaidLabel(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(
      /#([a-zA-Z]+|[0-9]+);|&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));/g,
      (whole, mermaid?: string, dec?: string, hex?: string, named?: string) => {
        const name = mermaid ?? named;
        if (name !== undefined && /^[0-9]+$/.test(name)) return fromCode(Number(name)) ?? whole;
        if (name !== undefined)
          return Object.hasOwn(NAMED_ENTITIES, name.toLowerCase())
            ? NAMED_ENTITIES[name.toLowerCase()]!
            : whole;
        if (dec !== undefined) return fromCode(Number(dec)) ?? whole;
        return fromCode(parseInt(hex!, 16)) ?? whole;
      },
    );
}

/** A character from its code; a lone surrogate code gives that code unit back (escape's inverse). */
function fromCode(n: number): string | undefined {
  if (!Number.isSafeInteger(n) || n < 0 || n > 0x10ffff) return undefined;
  return n <= 0xffff ? String.fromCharCode(n) : String.fromCodePoint(n);
}

/** Drops C0/C1 control characters except tab and line breaks (which each format handles itself). */
export function stripControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');
}
