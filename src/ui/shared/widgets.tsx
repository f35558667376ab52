import { Text, useStdout } from 'ink';
import { useEffect, useState, type ReactNode } from 'react';
import type { Theme } from '../../theme/theme.js';

// Formatting without Ink, so plain-text output can share it; re-exported for the views.
export { fit, formatDuration, formatScore } from './format.js';

/** Below this many columns, views switch to their single-column layout. */
export const NARROW_COLUMNS = 100;

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

function measure(stdout: NodeJS.WriteStream, columns: number | undefined, rows: number | undefined): TerminalSize {
  return { columns: columns ?? (stdout.columns > 0 ? stdout.columns : 80), rows: rows ?? (stdout.rows > 0 ? stdout.rows : 24) };
}

/**
 * The terminal's size, updated on 'resize'. Given sizes (tests, or a caller that knows
 * better) take precedence over the stream's.
 */
export function useTerminalSize(columns?: number, rows?: number): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState<TerminalSize>(() => measure(stdout, columns, rows));
  useEffect(() => {
    const onResize = () => setSize(measure(stdout, columns, rows));
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, columns, rows]);
  return size;
}

export interface PaintProps {
  readonly theme: Theme;
  readonly color?: string | undefined;
  readonly backgroundColor?: string | undefined;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly children?: ReactNode;
}

/**
 * Text styled only when the theme has colour: with NO_COLOR the frame carries no escape
 * codes at all (no colour, bold or dim), and views say everything with glyphs instead.
 */
export function Paint({ theme, color, backgroundColor, bold, dim, children }: PaintProps): ReactNode {
  if (!theme.colour) return <Text>{children}</Text>;
  return (
    <Text color={color} backgroundColor={backgroundColor} bold={bold ?? false} dimColor={dim ?? false}>
      {children}
    </Text>
  );
}

/** A row of key hints ("q quit   m heatmap"), the keys in the accent colour. */
export function KeyHints({ keys, theme, gap }: { keys: readonly (readonly [string, string])[]; theme: Theme; gap: string }): ReactNode {
  return keys.map(([key, label], index) => (
    <Text key={key}>
      {index > 0 ? gap : ''}
      <Paint theme={theme} color={theme.accent} bold>
        {key}
      </Paint>
      {` ${label}`}
    </Text>
  ));
}
