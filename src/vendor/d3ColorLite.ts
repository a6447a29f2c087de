/**
 * The part of d3-color that React Flow's d3 modules run, for the first load (vite.config.ts hands it
 * to d3-interpolate and d3-transition in place of d3-color). They parse a colour only when a
 * transition or a generic interpolation meets a string that is one; React Flow interpolates zoom
 * transforms, never colours. d3-color's 4 kB gzip are mostly its table of 148 CSS colour names and
 * the HSL/Lab/HCL/Cubehelix classes: here `color` reads #hex (3, 4, 6, 8 digits), rgb(), rgba(),
 * hsl(), hsla() and `transparent` exactly as d3-color 3.1 does, but no colour names (they read as
 * plain strings), and `rgb` converts to the same RGB object and text. `hsl`, `lab`, `hcl` and
 * `cubehelix` are d3-color's own: nothing in the app uses them, so they are not bundled.
 * tests/build/d3ColorLite.test.ts compares this module with d3-color.
 *
 * Adapted from d3-color 3.1.1, Copyright 2010-2026 Mike Bostock, under the ISC license:
 * Permission to use, copy, modify, and/or distribute this software for any purpose with or without
 * fee is hereby granted, provided that the above copyright notice and this permission notice appear
 * in all copies. THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH
 * REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO
 * EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR
 * ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF
 * CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
 * PERFORMANCE OF THIS SOFTWARE.
 */
export { cubehelix, hcl, hsl, lab } from 'd3-color';

/** A colour in RGB with opacity, as d3-color's `rgb` objects (the fields d3-interpolate reads and writes). */
export class Rgb {
  r: number;
  g: number;
  b: number;
  opacity: number;
  constructor(r: unknown, g: unknown, b: unknown, opacity: unknown) {
    this.r = Number(r);
    this.g = Number(g);
    this.b = Number(b);
    this.opacity = Number(opacity);
  }
  rgb(): this {
    return this;
  }
  toString(): string {
    const a = clampa(this.opacity);
    return `${a === 1 ? 'rgb(' : 'rgba('}${clampi(this.r)}, ${clampi(this.g)}, ${clampi(this.b)}${a === 1 ? ')' : `, ${a})`}`;
  }
}

const reI = '\\s*([+-]?\\d+)\\s*';
const reN = '\\s*([+-]?(?:\\d*\\.)?\\d+(?:[eE][+-]?\\d+)?)\\s*';
const reP = '\\s*([+-]?(?:\\d*\\.)?\\d+(?:[eE][+-]?\\d+)?)%\\s*';
const reHex = /^#([0-9a-f]{3,8})$/;
const reRgbInteger = new RegExp(`^rgb\\(${reI},${reI},${reI}\\)$`);
const reRgbPercent = new RegExp(`^rgb\\(${reP},${reP},${reP}\\)$`);
const reRgbaInteger = new RegExp(`^rgba\\(${reI},${reI},${reI},${reN}\\)$`);
const reRgbaPercent = new RegExp(`^rgba\\(${reP},${reP},${reP},${reN}\\)$`);
const reHslPercent = new RegExp(`^hsl\\(${reN},${reP},${reP}\\)$`);
const reHslaPercent = new RegExp(`^hsla\\(${reN},${reP},${reP},${reN}\\)$`);

/** Parses a CSS colour as d3-color does (no colour names); null when it is not one. */
export function color(format: unknown): Rgb | null {
  const f = String(format).trim().toLowerCase();
  let m = reHex.exec(f);
  if (m) {
    const l = m[1]!.length;
    const n = parseInt(m[1]!, 16);
    return l === 6
      ? new Rgb((n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff, 1)
      : l === 3
        ? new Rgb(
            ((n >> 8) & 0xf) | ((n >> 4) & 0xf0),
            ((n >> 4) & 0xf) | (n & 0xf0),
            ((n & 0xf) << 4) | (n & 0xf),
            1,
          )
        : l === 8
          ? rgba((n >> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, (n & 0xff) / 0xff)
          : l === 4
            ? rgba(
                ((n >> 12) & 0xf) | ((n >> 8) & 0xf0),
                ((n >> 8) & 0xf) | ((n >> 4) & 0xf0),
                ((n >> 4) & 0xf) | (n & 0xf0),
                (((n & 0xf) << 4) | (n & 0xf)) / 0xff,
              )
            : null;
  }
  const num = (i: number) => Number(m![i]);
  if ((m = reRgbInteger.exec(f))) return new Rgb(num(1), num(2), num(3), 1);
  if ((m = reRgbPercent.exec(f)))
    return new Rgb((num(1) * 255) / 100, (num(2) * 255) / 100, (num(3) * 255) / 100, 1);
  if ((m = reRgbaInteger.exec(f))) return rgba(num(1), num(2), num(3), num(4));
  if ((m = reRgbaPercent.exec(f)))
    return rgba((num(1) * 255) / 100, (num(2) * 255) / 100, (num(3) * 255) / 100, num(4));
  if ((m = reHslPercent.exec(f))) return hsla(num(1), num(2) / 100, num(3) / 100, 1);
  if ((m = reHslaPercent.exec(f))) return hsla(num(1), num(2) / 100, num(3) / 100, num(4));
  return f === 'transparent' ? new Rgb(NaN, NaN, NaN, 0) : null;
}
// `x instanceof color` is how d3-interpolate and d3-transition recognise a parsed colour.
color.prototype = Rgb.prototype;

/** `rgb(colour)` converts a colour or a CSS string (NaN channels when it is neither); `rgb(r, g, b[, opacity])` makes one. */
export function rgb(...args: unknown[]): Rgb {
  if (args.length === 1) {
    const o = args[0] instanceof Rgb ? args[0] : color(args[0]);
    return o ? new Rgb(o.r, o.g, o.b, o.opacity) : new Rgb(NaN, NaN, NaN, NaN);
  }
  const [r, g, b, opacity] = args;
  return new Rgb(r, g, b, opacity ?? 1);
}

function rgba(r: number, g: number, b: number, a: number): Rgb {
  if (a <= 0) r = g = b = NaN;
  return new Rgb(r, g, b, a);
}

/** An HSL colour as d3-color's `hsla(…).rgb()` gives it. */
function hsla(h: number, s: number, l: number, a: number): Rgb {
  if (a <= 0) h = s = l = NaN;
  else if (l <= 0 || l >= 1) h = s = NaN;
  else if (s <= 0) h = NaN;
  const hh = (h % 360) + Number(h < 0) * 360;
  const ss = isNaN(hh) || isNaN(s) ? 0 : s;
  const m2 = l + (l < 0.5 ? l : 1 - l) * ss;
  const m1 = 2 * l - m2;
  return new Rgb(
    hsl2rgb(hh >= 240 ? hh - 240 : hh + 120, m1, m2),
    hsl2rgb(hh, m1, m2),
    hsl2rgb(hh < 120 ? hh + 240 : hh - 120, m1, m2),
    a,
  );
}

function hsl2rgb(h: number, m1: number, m2: number): number {
  return (
    (h < 60 ? m1 + ((m2 - m1) * h) / 60 : h < 180 ? m2 : h < 240 ? m1 + ((m2 - m1) * (240 - h)) / 60 : m1) *
    255
  );
}

function clampa(opacity: number): number {
  return isNaN(opacity) ? 1 : Math.max(0, Math.min(1, opacity));
}

function clampi(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value) || 0));
}
