import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { TournamentProgress } from '../../core/progressive-tournament.js';
import { scaleColour, type Theme } from '../../theme/theme.js';
import { fit, formatScore, Paint } from '../shared/widgets.js';
import { heatmapGeometry, matrixRange, shadeGlyph, shareOf } from './model.js';

export function Heatmap({
  progress,
  theme,
  width,
  offset,
  visible,
}: {
  progress: TournamentProgress;
  theme: Theme;
  width: number;
  offset: number;
  visible: number;
}): ReactNode {
  const { result, perTurn } = progress;
  const ids = result.strategies;
  const order = result.ranking.map((id) => ids.indexOf(id));
  const labels = order.map((index, position) => `${String(position + 1).padStart(2)} ${ids[index]}`);
  const geometry = heatmapGeometry(ids.length, width, Math.max(...labels.map((label) => label.length)));
  const [low, high] = matrixRange(perTurn);
  const header =
    ' '.repeat(geometry.label + 1) +
    order
      .map((_, position) => (geometry.cell >= 3 ? String(position + 1).padStart(geometry.cell) : String((position + 1) % 10).padStart(geometry.cell)))
      .join('');
  return (
    <Box flexDirection="column">
      <Paint theme={theme} color={theme.muted}>
        {header}
      </Paint>
      {order.slice(offset, offset + visible).map((rowIndex, shownPosition) => {
        const label = labels[offset + shownPosition]!;
        return (
          <Text key={ids[rowIndex]}>
            {`${fit(label, geometry.label).padEnd(geometry.label)} `}
            {order.map((columnIndex) => {
              const value = perTurn[rowIndex]![columnIndex]!;
              const key = `${rowIndex}-${columnIndex}`;
              // Not played (the diagonal without self-play): blank, never a shade.
              if (value === null) {
                return <Text key={key}>{geometry.digits === undefined ? ' '.repeat(geometry.cell) : `${'–'.padStart(geometry.cell - 1)} `}</Text>;
              }
              const share = shareOf(value, low, high);
              const number = geometry.digits === undefined ? '' : value.toFixed(geometry.digits);
              if (theme.colour) {
                const text = number === '' ? ' '.repeat(geometry.cell) : `${number.padStart(geometry.cell - 1)} `;
                return (
                  <Text key={key} color="#000000" backgroundColor={scaleColour(share)}>
                    {text}
                  </Text>
                );
              }
              const glyph = shadeGlyph(share);
              const text = number === '' ? glyph.repeat(geometry.cell) : `${number.padStart(geometry.cell - 1)}${glyph}`;
              return <Text key={key}>{text}</Text>;
            })}
          </Text>
        );
      })}
      {ids.length > offset + visible ? <Paint theme={theme} color={theme.muted}>{`    … ${ids.length - offset - visible} more below (↓)`}</Paint> : null}
      <Text>
        {`row’s score per turn against column · low ${formatScore(low)} `}
        {theme.colour
          ? [0, 0.25, 0.5, 0.75, 1].map((share) => (
              <Text key={share} backgroundColor={scaleColour(share)}>
                {'  '}
              </Text>
            ))
          : '·░▒▓█'}
        {` ${formatScore(high)} high`}
      </Text>
    </Box>
  );
}
