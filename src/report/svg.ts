import { normalise, type Domain } from './charts.js';
import { scaleColour } from '../theme/theme.js';

/**
 * A tiny SVG builder for the pictures that are not charts (charts.ts draws those with Vega-Lite):
 * the lattice of firms and the network of ties, a shape per firm at its place, with no axes or
 * scales to restyle. Each is a standalone <svg> with a <title>, for a file or an HTML report.
 */

/** Escapes text for XML content and attribute values (also valid for HTML). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => {
    switch (character) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

export type AttributeValue = string | number | boolean | undefined | null;
export type Attributes = Readonly<Record<string, AttributeValue>>;

/** Coordinates with at most two decimals: smaller files, and the same bytes for the same chart. */
export function coordinate(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

function attributeText(attributes: Attributes): string {
  let text = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    const shown = value === true ? name : typeof value === 'number' ? coordinate(value) : value;
    text += ` ${name}="${escapeXml(shown)}"`;
  }
  return text;
}

/** An element; `children` is markup already built (use `text()` for plain text). */
export function el(name: string, attributes: Attributes = {}, ...children: readonly string[]): string {
  const inner = children.join('');
  return inner === '' ? `<${name}${attributeText(attributes)}/>` : `<${name}${attributeText(attributes)}>${inner}</${name}>`;
}

/** Plain text as element content. */
export function text(content: string): string {
  return escapeXml(content);
}

export interface SvgFrame {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly description?: string;
}

const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';

/** A standalone <svg> document with a title (an accessible name and the visible heading). */
export function svgDocument(frame: SvgFrame, ...children: readonly string[]): string {
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width: frame.width,
      height: frame.height,
      viewBox: `0 0 ${coordinate(frame.width)} ${coordinate(frame.height)}`,
      role: 'img',
      'font-family': FONT,
      'font-size': 12,
    },
    el('title', {}, text(frame.title)),
    frame.description === undefined ? '' : el('desc', {}, text(frame.description)),
    el('rect', { width: frame.width, height: frame.height, fill: '#ffffff' }),
    el('text', { x: frame.width / 2, y: 20, 'text-anchor': 'middle', 'font-size': 15, 'font-weight': 600, fill: '#222222' }, text(frame.title)),
    ...children,
  );
}

/** The colour of a value on a hand-drawn map: red (low) through amber to green (high), as in the terminal views; grey without one. */
export function colourOf(value: number | null, domain: Domain): string {
  return value === null || !Number.isFinite(value) ? '#e6e6e6' : scaleColour(normalise(value, domain));
}
