/**
 * A small well-formedness check for the SVG the report builds (no XML library needed): every
 * tag closes in order, attributes are quoted, and text holds no raw < or stray &.
 */
export function checkWellFormed(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/?([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(xml)) !== null) {
    const [whole, name, , selfClosing, text, stray] = match;
    if (stray !== undefined) {
      problems.push(`malformed tag at ${match.index}: ${xml.slice(match.index, match.index + 40)}`);
      continue;
    }
    if (text !== undefined) {
      const entity = /&(?!(?:amp|lt|gt|quot|#39|#\d+|#x[0-9a-f]+);)/i.exec(text);
      if (entity !== null) problems.push(`unescaped & in text: ${text.slice(0, 40)}`);
      continue;
    }
    if (name === undefined) continue;
    if (whole.startsWith('</')) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (selfClosing !== '/') {
      stack.push(name);
    }
    const attributes = whole.match(/="[^"]*"/g) ?? [];
    for (const attribute of attributes) if (/&(?!(?:amp|lt|gt|quot|#39);)/.test(attribute)) problems.push(`unescaped & in attribute ${attribute}`);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}
