/**
 * SVG to PNG with resvg (a Rust renderer, prebuilt for the common platforms). It is optional:
 * where its binary does not load, pictures are written as SVG only.
 */
type Converter = (svg: string) => Buffer;

let converter: Promise<Converter | undefined> | undefined;

function loadConverter(): Promise<Converter | undefined> {
  converter ??= import('@resvg/resvg-js').then(
    ({ Resvg }) =>
      (svg: string) =>
        // Twice the SVG's size: sharp on a slide; a white ground, as the SVG has.
        new Resvg(svg, { background: '#ffffff', fitTo: { mode: 'zoom', value: 2 } })
          .render()
          .asPng(),
    () => undefined,
  );
  return converter;
}

/** The picture as PNG, or undefined where no converter is available. */
export async function pngOf(svg: string): Promise<Buffer | undefined> {
  const convert = await loadConverter();
  return convert?.(svg);
}
