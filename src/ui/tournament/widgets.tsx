import { Text, useStdout } from 'ink';
import { useEffect, useState, type ReactNode } from 'react';
import type { Theme } from '../theme.js';

/** Below this many columns, views switch to their single-column layout. */
export const NARROW_COLUMNS = 100;

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/**
 * The terminal's size, updated on 'resize'. Given sizes (tests, or a caller that knows
 * better) take precedence over the stream's.
 */
export function useTerminalSize(columns?: number, rows?: number): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => ({
    columns: columns ?? (stdout.columns > 0 ? stdout.columns : 80),
    rows: rows ?? (stdout.rows > 0 ? stdout.rows : 24),
  });
  const [size, setSize] = useState<TerminalSize>(read);
  useEffect(() => {
    const onResize = () => setSize(read());
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

/** Cuts a string to `width` characters, ending in '…' when it had to cut. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/** A number as a person would write a score: whole numbers bare, otherwise up to `digits` decimals. */
export function formatScore(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '-';
  const rounded = Number(value.toFixed(digits));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Milliseconds as "0.4 s", "12 s", "3 min 05 s". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
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
