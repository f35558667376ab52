import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { LiveSnapshot } from '../../cluster/live.js';
import type { LiveOrganiser } from '../../cluster/organiser-commands.js';
import type { Theme } from '../../theme/theme.js';
import { type Segment, wrapSegments } from '../shared/segments.js';
import { chartRows } from './chart-rows.js';
import { wordOfMouthLines } from './word-of-mouth.js';

/** The last `width` values as a one-row chart scaled to their own maximum. */
function sparkline(values: readonly number[], width: number): string {
  const recent = values.slice(-width);
  const top = Math.max(0, ...recent);
  return chartRows(top > 0 ? recent.map((value) => value / top) : recent.map(() => 0), Math.min(width, Math.max(1, recent.length)), 1)[0] ?? '';
}

const share = (value: number) => `${(value * 100).toFixed(0)}%`;

/**
 * The parameters in force, one logical line each, as styled segments. `programmes` adds which
 * joint-activity programmes are on (the projector has no trust ladder to show it).
 */
export function inForceLines(snapshot: LiveSnapshot, theme: Theme, programmes = false): Segment[][] {
  const { settings } = snapshot;
  const latest = snapshot.records[snapshot.records.length - 1];
  const warn = theme.colour ? theme.warning : undefined;
  const lines: Segment[][] = [
    [
      { text: `fine ${settings.fine} · detection ${share(settings.detection)}${settings.compensate ? ' · victims compensated' : ''} · ` },
      settings.crisis ? { text: 'CRISIS', colour: warn, bold: true } : { text: 'no crisis' },
    ],
    [{ text: `subsidy ${share(settings.subsidy)} · trust +${settings.trustGain}/−${settings.trustLoss} · noise ${settings.noise} · ${settings.updateRule}` }],
    // Each figure keeps its sparkline beside it: a row breaks between the two, never inside one.
    [
      {
        text: `fines paid ${latest === undefined ? '—' : latest.fines.toFixed(1)} ${sparkline(
          snapshot.records.map((record) => record.fines),
          10,
        )}`.trimEnd(),
        colour: warn,
        whole: true,
      },
      { text: ' · ' },
      {
        text: `exits ${latest?.exits ?? '—'} ${sparkline(
          snapshot.records.map((record) => record.exits),
          10,
        )}`.trimEnd(),
        colour: warn,
        whole: true,
      },
    ],
    [{ text: `mean payoff per firm ${latest === undefined ? '—' : latest.meanPayoff.toFixed(2)}` }],
    ...wordOfMouthLines(snapshot, theme),
  ];
  for (const organiser of snapshot.organisers) lines.push(organiserLine(organiser, theme));
  if (programmes) {
    lines.push([
      { text: 'programmes ' },
      ...snapshot.activities.flatMap((activity, index): Segment[] => [
        { text: `${index > 0 ? ' · ' : ''}${index + 1} ${activity.name} ` },
        {
          text: activity.enabled ? 'on' : 'off',
          colour: theme.colour ? (activity.enabled ? theme.cooperate : theme.muted) : undefined,
          bold: activity.enabled,
        },
      ]),
    ]);
  }
  return lines;
}

/** An organiser's line: which one the keys act on (▶), its policy, members, budget and credibility, fee and grant. */
function organiserLine(organiser: LiveOrganiser, theme: Theme): Segment[] {
  const marker = organiser.selected ? '▶ ' : '  ';
  if (!organiser.active) return [{ text: `${marker}${organiser.name} · not working`, colour: theme.colour ? theme.muted : undefined }];
  const standing =
    organiser.members === undefined
      ? 'founded'
      : `${share(organiser.members)} members · budget ${organiser.budget!.toFixed(0)} · credibility ${organiser.credibility!.toFixed(2)}`;
  return [
    { text: `${marker}${organiser.name}`, bold: true },
    { text: ` · ${organiser.policy} · ${standing} · fee ${organiser.fee.toFixed(2)} · grant ${organiser.grant}` },
  ];
}

/** The in-force lines wrapped to `width`: what the panel shows, row by row. */
export function inForceRows(snapshot: LiveSnapshot, theme: Theme, width: number, programmes = false): Segment[][] {
  return inForceLines(snapshot, theme, programmes).flatMap((line) => wrapSegments(line, width));
}

/** What is in force, wrapped rather than cut: a facilitator reads every rule to the room. */
export function InForce({ rows }: { rows: readonly Segment[][] }): ReactNode {
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text bold>in force</Text>
      {rows.map((row, index) => (
        <Text key={index}>
          {row.map((segment, position) => (
            <Text key={position} color={segment.colour} bold={segment.bold === true}>
              {segment.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
