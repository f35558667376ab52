import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useState } from 'react';
import type { Theme } from '../../theme/theme.js';

export interface EvolveViewProps {
  readonly title: string;
  readonly strategies: readonly string[];
  /** shares[g][k]: the run as the core computed it. */
  readonly shares: readonly (readonly number[])[];
  readonly winner: string | null;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
}

/** Column `c` of a stacked chart of `height` rows: the strategy index drawn in each row, bottom first. */
export function stackedColumn(shares: readonly number[], height: number): number[] {
  const cells: number[] = [];
  let filled = 0;
  let cumulative = 0;
  shares.forEach((share, index) => {
    cumulative += share;
    const upTo = Math.round(cumulative * height);
    for (; filled < upTo && filled < height; filled++) cells.push(index);
  });
  while (cells.length < height) cells.push(shares.length - 1);
  return cells;
}

/** The population shares over time as a stacked chart, and the current leader. */
export function EvolveScreen({ title, strategies, shares, winner, theme, columns, rows, generation }: EvolveViewProps & { generation: number }) {
  const width = Math.max(10, Math.min(columns - 2, 100));
  const height = Math.max(6, Math.min(rows - strategies.length - 8, 20));
  const shown = shares.slice(0, generation + 1);
  const columnShares = Array.from(
    { length: Math.min(width, shown.length) },
    (_, column) => shown[Math.floor((column * shown.length) / Math.min(width, shown.length))]!,
  );
  const stacks = columnShares.map((column) => stackedColumn(column, height));
  const current = shown[shown.length - 1]!;
  const leader = current.indexOf(Math.max(...current));
  const colour = (index: number) => theme.strategyColours[index % theme.strategyColours.length]!;
  const glyph = (index: number) => theme.strategyGlyphs[index % theme.strategyGlyphs.length]!;
  const lines = Array.from({ length: height }, (_, row) => stacks.map((stack) => stack[height - 1 - row]!));
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      <Text>
        generation {generation} of {shares.length - 1} · leader <Text bold>{strategies[leader]}</Text> ({(current[leader]! * 100).toFixed(1)}%)
        {generation === shares.length - 1 ? (winner === null ? ' · no strategy has taken over' : ` · ${winner} took over`) : ''}
      </Text>
      {lines.map((line, row) => (
        <Text key={row}>
          {line.map((index, column) =>
            theme.colour ? (
              <Text key={column} color={colour(index)}>
                █
              </Text>
            ) : (
              glyph(index)
            ),
          )}
        </Text>
      ))}
      {strategies.map((id, index) => (
        <Text key={id}>
          {theme.colour ? <Text color={colour(index)}>██</Text> : `[${glyph(index)}]`} {id.padEnd(24)} {(current[index]! * 100).toFixed(1).padStart(5)}%
        </Text>
      ))}
      <Text dimColor>space pause · + / - speed · q quit</Text>
    </Box>
  );
}

/** Plays the computed run back generation by generation; keys pause, change speed, quit. */
export function EvolveApp(props: EvolveViewProps & { readonly speed?: number }) {
  const [generation, setGeneration] = useState(0);
  const [paused, setPaused] = useState(false);
  const [perSecond, setPerSecond] = useState(props.speed ?? 20);
  const { exit } = useApp();
  useEffect(() => {
    if (paused || generation >= props.shares.length - 1) return;
    const timer = setTimeout(() => setGeneration((current) => Math.min(props.shares.length - 1, current + 1)), 1000 / perSecond);
    return () => clearTimeout(timer);
  }, [generation, paused, perSecond, props.shares.length]);
  useInput((input, key) => {
    if (input === 'q' || key.escape) exit();
    else if (input === ' ') setPaused((current) => !current);
    else if (input === '+' || input === '=') setPerSecond((current) => Math.min(1000, current * 2));
    else if (input === '-') setPerSecond((current) => Math.max(1, current / 2));
  });
  return <EvolveScreen {...props} generation={generation} />;
}
