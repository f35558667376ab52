import { Box, Text } from 'ink';
import type { LiveSnapshot } from '../../cluster/live.js';
import type { Theme } from '../../theme/theme.js';

/** Rows the ties panel takes: a title, the ties' figures and the reputation line (none on a fixed lattice). */
export function tiesPanelRows(snapshot: LiveSnapshot): number {
  return snapshot.network === undefined ? 0 : 3;
}

/**
 * With partner choice, the metric panel of the network (issue 15): ties cut after the last
 * generation, those formed before it, the mean degree, and the public standing of the firms that
 * mostly defected against that of those that mostly co-operated (or that the reputation layer is off).
 * Each line fits the 46-column side panel.
 */
export function TiesPanel({ snapshot, theme }: { snapshot: LiveSnapshot; theme: Theme }) {
  if (snapshot.network === undefined) return null;
  const latest = snapshot.records[snapshot.records.length - 1];
  const ties = latest?.ties;
  const figure = (value: number | undefined) => (value === undefined ? '—' : String(value));
  const standing = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(2));
  const colour = (value: string) => (theme.colour ? value : undefined);
  // "Reputation off" said outright: a missing line would not tell a run without the layer from a panel that lost it.
  return (
    <Box flexDirection="column">
      <Text bold>ties (partner choice)</Text>
      <Text wrap="truncate">
        cut <Text color={colour(theme.defect)}>{figure(ties?.cut)}</Text> · formed <Text color={colour(theme.accent)}>{figure(ties?.formed)}</Text> · mean
        degree {ties === undefined ? '—' : ties.meanDegree.toFixed(2)}
      </Text>
      {snapshot.settings.reputation === null ? (
        <Text wrap="truncate">reputation off</Text>
      ) : (
        <Text wrap="truncate">
          reputation: <Text color={colour(theme.defect)}>defectors {standing(latest?.reputation?.defectors)}</Text> ·{' '}
          <Text color={colour(theme.cooperate)}>co-operators {standing(latest?.reputation?.cooperators)}</Text>
        </Text>
      )}
    </Box>
  );
}
