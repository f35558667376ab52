import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { RulesInForce } from '../../classroom/session.js';
import { bar, chartRows } from '../cluster/chart-rows.js';
import type { Theme } from '../../theme/theme.js';
import { fit, KeyHints, Paint } from '../shared/widgets.js';
import { formatNumber, sanctionsText, stretch } from './format.js';

/** Pieces both class views use. Every style goes through Paint, so NO_COLOR frames stay plain. */

export function Title({ theme, children }: { theme: Theme; children?: ReactNode }): ReactNode {
  return (
    <Paint theme={theme} color={theme.accent} bold>
      {children}
    </Paint>
  );
}

/** The top row: inverse in colour, so the eye finds where the screen starts. */
export function StatusBar({ theme, left, right, width }: { theme: Theme; left: string; right: string; width: number }): ReactNode {
  const room = Math.max(0, width - right.length - 2);
  const text = ` ${fit(left, room).padEnd(room)}${right} `.slice(0, width);
  return theme.colour ? (
    <Text inverse bold wrap="truncate">
      {text}
    </Text>
  ) : (
    <Text wrap="truncate">{text}</Text>
  );
}

/** A move as its letter, green or red. */
export function MoveLetter({ move, theme }: { move: 'C' | 'D' | undefined; theme: Theme }): ReactNode {
  if (move === undefined)
    return (
      <Paint theme={theme} color={theme.muted}>
        ·
      </Paint>
    );
  return (
    <Paint theme={theme} color={move === 'C' ? theme.cooperate : theme.defect} bold>
      {move}
    </Paint>
  );
}

/** Time left as a shrinking bar; amber in the last five seconds. */
export function Countdown({
  remainingMs,
  totalMs,
  width,
  theme,
}: {
  remainingMs: number;
  totalMs: number | undefined;
  width: number;
  theme: Theme;
}): ReactNode {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const urgent = seconds <= 5;
  const share = totalMs !== undefined && totalMs > 0 ? remainingMs / totalMs : 1;
  const barWidth = Math.max(0, width - 12);
  return (
    <Text>
      <Paint theme={theme} color={urgent ? theme.warning : undefined} bold>
        {`${String(seconds).padStart(3)} s left`}
      </Paint>
      {barWidth > 0 ? ' ' : ''}
      <Paint theme={theme} color={urgent ? theme.warning : theme.accent}>
        {theme.colour ? bar(share, barWidth) : bar(share, barWidth).replaceAll(' ', '░')}
      </Paint>
    </Text>
  );
}

/** A series of shares over the session's rounds as a filled line chart. */
export function RoundChart({
  title,
  values,
  rounds,
  width,
  height,
  colour,
  format,
  theme,
}: {
  title: string;
  values: readonly number[];
  rounds: number;
  width: number;
  height: number;
  colour: string;
  format: (value: number) => string;
  theme: Theme;
}): ReactNode {
  const last = values.length > 0 ? format(values[values.length - 1]!) : '–';
  const stretched = stretch(values, rounds, width);
  const rows = chartRows(stretched.values, stretched.width, height).map((line) => line.padEnd(width));
  return (
    <Box flexShrink={0} flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Title theme={theme}>{title}</Title> {last}
      </Text>
      {rows.map((line, index) => (
        <Paint key={index} theme={theme} color={colour}>
          {line}
        </Paint>
      ))}
      {height > 1 ? (
        <Paint theme={theme} color={theme.muted}>
          {fit(`round 1${' '.repeat(Math.max(1, width - 7 - String(rounds).length))}${rounds}`, width)}
        </Paint>
      ) : null}
    </Box>
  );
}

/** Fine, detection, crisis and the programmes with their keys; `compact` drops the descriptions. */
export function Rules({ rules, theme, width, keys }: { rules: RulesInForce; theme: Theme; width: number; keys: boolean }): ReactNode {
  return (
    <Box flexShrink={0} flexDirection="column" width={width}>
      <Title theme={theme}>{`rules of round ${rules.round}`}</Title>
      <Text wrap="truncate">{sanctionsText(rules)}</Text>
      <Text wrap="truncate">
        {rules.crisis ? (
          <Paint theme={theme} color={theme.warning} bold>
            {`CRISIS: cheating pays ×${formatNumber(rules.temptationFactor)}`}
          </Paint>
        ) : (
          'no crisis'
        )}
      </Text>
      {rules.activities.map((activity, index) => (
        <Text key={activity.name} wrap="truncate">
          {keys && index < 9 ? `${index + 1} ` : ''}
          <Paint theme={theme} color={activity.enabled ? theme.cooperate : theme.muted} bold={activity.enabled}>
            {activity.enabled ? 'on ' : 'off'}
          </Paint>{' '}
          {activity.name}
          {activity.lowRisk ? ' (low-risk)' : ' (risky)'}
        </Text>
      ))}
      {rules.pending.map((change, index) => (
        <Paint key={`pending-${index}`} theme={theme} color={theme.warning}>
          {fit(`from round ${change.from}: ${change.label}`, width)}
        </Paint>
      ))}
    </Box>
  );
}

/** Key hints split into rows by hint, never inside one, so "f/F fine" stays together. */
export function hintRows(keys: readonly (readonly [string, string])[], width: number): (readonly [string, string])[][] {
  const rows: (readonly [string, string])[][] = [[]];
  let used = 0;
  for (const hint of keys) {
    const length = hint[0].length + 1 + hint[1].length;
    const row = rows[rows.length - 1]!;
    if (row.length > 0 && used + 2 + length > width) {
      rows.push([hint]);
      used = length;
    } else {
      row.push(hint);
      used += (row.length > 1 ? 2 : 0) + length;
    }
  }
  return rows;
}

export function Keys({ keys, theme, width }: { keys: readonly (readonly [string, string])[]; theme: Theme; width: number }): ReactNode {
  return (
    <Box flexShrink={0} flexDirection="column" width={width}>
      {hintRows(keys, width).map((row, index) => (
        <Text key={index} wrap="truncate">
          <KeyHints keys={row} theme={theme} gap="  " />
        </Text>
      ))}
    </Box>
  );
}

/**
 * A full screen with the key hints pinned to the bottom. The content keeps its own height:
 * what does not fit is cut at the bottom instead of squeezed line by line.
 */
export function Screen({ columns, rows, footer, children }: { columns: number; rows: number; footer: ReactNode; children?: ReactNode }): ReactNode {
  // One row short of the terminal: a frame as tall as the screen makes Ink redraw it all each time.
  return (
    <Box flexDirection="column" width={columns} height={Math.max(1, rows - 1)}>
      <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
        <Box flexDirection="column" flexShrink={0} width={columns}>
          {children}
        </Box>
      </Box>
      <Box flexShrink={0}>{footer}</Box>
    </Box>
  );
}
