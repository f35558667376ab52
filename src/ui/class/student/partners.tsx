import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { SentView } from '../../../classroom/protocol.js';
import type { PartnerView } from '../../../classroom/session.js';
import type { Move } from '../../../core/strategy.js';
import type { Theme } from '../../../theme/theme.js';
import { bar } from '../../cluster/chart-rows.js';
import { fit, Paint } from '../../shared/widgets.js';
import { formatNumber } from '../format.js';
import { MoveLetter, Title } from '../panels.js';

function MoveRun({ moves, theme }: { moves: readonly Move[]; theme: Theme }): ReactNode {
  if (moves.length === 0)
    return (
      <Paint theme={theme} color={theme.muted}>
        –
      </Paint>
    );
  return moves.map((move, index) => (
    <Text key={index}>
      {index > 0 ? ' ' : ''}
      <MoveLetter move={move} theme={theme} />
    </Text>
  ));
}

function stakes(partner: PartnerView): string {
  const { R, S, T, P, cost } = partner.activity;
  const numbers = `R ${formatNumber(R)}  S ${formatNumber(S)}  T ${formatNumber(T)}  P ${formatNumber(P)}`;
  return cost > 0 ? `${numbers}  cost ${formatNumber(cost)}` : numbers;
}

/**
 * Each partner: the activity you play with them and its stakes, your trust in them and your
 * recent moves with them. On one line when it fits, else two.
 */
export function Partners({ view, theme, width, compact }: { view: SentView; theme: Theme; width: number; compact: boolean }): ReactNode {
  const open = view.phase === 'open';
  const title = open
    ? view.partners.length === 1
      ? `your partner in round ${view.round}`
      : `your ${view.partners.length} partners in round ${view.round} (one choice plays them all)`
    : `your ${view.partners.length === 1 ? 'partner' : 'partners'} in round ${view.round}: your trust in them now`;
  if (view.partners.length === 0) {
    return (
      <Box flexShrink={0} marginTop={1}>
        <Text>{open ? 'you sit this round out: no partner is free' : ''}</Text>
      </Box>
    );
  }
  const name = Math.min(16, Math.max(...view.partners.map((partner) => partner.name.length)));
  const activity = Math.max(...view.partners.map((partner) => partner.activity.name.length + (partner.activity.lowRisk ? 11 : 8)));
  const stake = Math.max(...view.partners.map((partner) => stakes(partner).length));
  const history = Math.max(...view.partners.map((partner) => Math.max(1, partner.yours.length * 2 - 1)));
  const first = 2 + name + 2 + activity + 2 + stake;
  // 'trust ', the bar, ' 0.20', '  you ', the moves, '  they ', the moves.
  const second = 6 + 10 + 5 + 6 + history + 7 + history;
  // Between rounds the activity on screen would be the next round's: only trust and moves then.
  const oneLine = !open || first + 3 + second <= width;
  // Compact screens drop the stakes of a lattice's four partners to keep the prompt in view.
  const twoLines = !oneLine && !(compact && view.partners.length > 2);
  return (
    <Box flexShrink={0} flexDirection="column" width={width} marginTop={1}>
      <Title theme={theme}>{fit(title, width)}</Title>
      {view.partners.map((partner) => {
        const head = (
          <Text key="head">
            {'  '}
            <Paint theme={theme} bold>
              {fit(partner.name, name).padEnd(name)}
            </Paint>
            {'  '}
            {open ? `${partner.activity.name} (${partner.activity.lowRisk ? 'low-risk' : 'risky'})`.padEnd(activity) : ''}
            {open && (twoLines || oneLine) ? `  ${stakes(partner).padEnd(stake)}` : ''}
          </Text>
        );
        const tail = (
          <Text key="tail">
            {'trust '}
            <Paint theme={theme} color={theme.accent}>
              {theme.colour ? bar(partner.trust, 10) : bar(partner.trust, 10).replaceAll(' ', '░')}
            </Paint>
            {` ${partner.trust.toFixed(2)}  you `}
            <MoveRun moves={partner.yours} theme={theme} />
            {'  they '}
            <MoveRun moves={partner.theirs} theme={theme} />
          </Text>
        );
        return oneLine || !twoLines ? (
          <Text key={partner.name} wrap="truncate">
            {head}
            {'   '}
            {tail}
          </Text>
        ) : (
          <Box flexShrink={0} key={partner.name} flexDirection="column">
            <Text wrap="truncate">{head}</Text>
            <Text wrap="truncate">
              {' '.repeat(4 + name)}
              {tail}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
