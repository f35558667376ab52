import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { LiveSnapshot } from '../../cluster/live.js';
import { yearOf } from '../../cluster/scenario.js';
import type { Theme } from '../../theme/theme.js';
import { bigFigure } from './big-figures.js';

/** The figures a room reads from the back: co-operation, mean trust and where the run stands. */
function figures(snapshot: LiveSnapshot): { cooperation: string; trust: string; generation: string } {
  const latest = snapshot.records[snapshot.records.length - 1];
  const years = snapshot.scenario.years;
  // In a scenario with years the room reads the year first ("1993 · generation 60 of 250").
  const year = years === undefined || snapshot.generation < 0 ? '' : `${yearOf(years, snapshot.generation)} · `;
  const generation =
    snapshot.generation < 0 ? 'not started' : `${year}generation ${snapshot.generation}${snapshot.ended ? '' : ` of ${snapshot.scenario.generations}`}`;
  return {
    cooperation: latest === undefined ? '—' : `${Math.round(latest.cooperation * 100)}%`,
    trust: latest === undefined ? '—' : `${Math.round(latest.meanTrust * 100)}%`,
    generation,
  };
}

/** The projector's headline: co-operation in the block font (or one bold line when the screen is short). */
export function Headline({ snapshot, theme, big }: { snapshot: LiveSnapshot; theme: Theme; big: boolean }): ReactNode {
  const { cooperation, trust, generation } = figures(snapshot);
  const colour = theme.colour ? theme.cooperate : undefined;
  if (!big) {
    return (
      <Text bold wrap="truncate">
        {`co-operation `}
        <Text color={colour}>{cooperation}</Text>
        {` · mean trust ${trust} · ${generation}`}
      </Text>
    );
  }
  // Each block is one Text; a blank row is a no-break space, which Ink keeps where it drops an empty line.
  const rows = (lines: readonly string[]) => lines.map((line) => (line.trim() === '' ? '\u00a0' : line)).join('\n');
  return (
    <Box flexDirection="row" columnGap={3} flexShrink={0} marginBottom={1}>
      <Text color={colour} bold>
        {rows(bigFigure(cooperation))}
      </Text>
      <Text bold>{rows(['co-operation', '', `mean trust ${trust}`, generation, snapshot.running ? '' : 'paused'])}</Text>
    </Box>
  );
}
