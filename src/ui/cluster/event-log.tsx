import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { LiveSnapshot } from '../../cluster/live.js';
import type { LoggedEvent } from '../../cluster/model.js';
import { runSummary } from '../../cluster/summary.js';
import { printable } from '../../core/printable.js';
import { type YearScale, yearOf } from '../../cluster/scenario.js';
import { wrapText } from '../shared/format.js';

/** When an event happened: its year in a scenario with years ("1993: …"), else its generation. */
function whenOf(event: LoggedEvent, years: YearScale | undefined): string {
  return years === undefined ? `gen ${event.generation}` : String(yearOf(years, event.generation));
}

/** One event as the rows it takes at `width`: wrapped, never cut, continuation rows indented. */
export function eventRows(event: LoggedEvent, width: number, years?: YearScale): string[] {
  const [first, ...rest] = wrapText(`${whenOf(event, years)}: ${event.label}`, Math.max(8, width - 2));
  return [first!, ...rest.map((row) => `  ${row}`)];
}

/** The log, and once the scenario has reached its end the run in one paragraph after it: what the room takes away. */
export function eventsWithSummary(snapshot: LiveSnapshot): readonly LoggedEvent[] {
  if (!snapshot.ended) return snapshot.log;
  return [...snapshot.log, { generation: Math.max(0, snapshot.generation), label: `summary: ${printable(runSummary(snapshot), Number.POSITIVE_INFINITY)}` }];
}

/** The newest events whose rows fit in `rows` (the newest one always shows in full). */
export function visibleEventRows(events: readonly LoggedEvent[], width: number, rows: number, years?: YearScale): string[] {
  const shown: string[][] = [];
  let used = 0;
  for (let index = events.length - 1; index >= 0; index--) {
    const lines = eventRows(events[index]!, width, years);
    if (shown.length > 0 && used + lines.length > rows) break;
    shown.unshift(lines);
    used += lines.length;
  }
  return shown.flat();
}

/** What happened, newest last: the story the facilitator tells. */
export function EventLog({
  events,
  width,
  rows,
  years,
}: {
  events: readonly LoggedEvent[];
  width: number;
  rows: number;
  years?: YearScale | undefined;
}): ReactNode {
  const lines = visibleEventRows(events, width, rows, years);
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text bold>events</Text>
      {lines.length === 0 ? <Text dimColor>none yet</Text> : null}
      {lines.map((line, index) => (
        <Text key={index}>{line}</Text>
      ))}
    </Box>
  );
}
