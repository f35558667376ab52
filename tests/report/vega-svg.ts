/** Reading the SVG that Vega draws: the charts of a page, a chart's title, and the marks a named layer drew. */

export const svgsOf = (page: string): string[] => page.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

export const titleOf = (svg: string): string | undefined => /<title>([^<]*)<\/title>/.exec(svg)?.[1];

export interface Mark {
  /** What Vega says of the mark (its first datum's fields): names the series of a line. */
  readonly label: string;
  readonly d: string;
}

/** The paths drawn by the layer named `name` in the spec (Vega's class `NAME_marks`). */
export function marksOf(svg: string, name: string): Mark[] {
  const groups = svg.match(new RegExp(`<g class="mark-[a-z]+ role-mark ${name}_marks"[^>]*>[\\s\\S]*?</g>`, 'g')) ?? [];
  return groups.flatMap((group) => [...group.matchAll(/<path aria-label="([^"]*)"[^>]*? d="([^"]*)"/g)].map((match) => ({ label: match[1]!, d: match[2]! })));
}
