import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { SentView } from '../../../classroom/protocol.js';
import type { Announcement } from '../../../classroom/session.js';
import type { Theme } from '../../../theme/theme.js';
import { wrapText } from '../../shared/format.js';
import { Paint } from '../../shared/widgets.js';

/**
 * An announcement is new until the student has seen a round's result under it: made since
 * the last result, or during the round now open.
 */
export function isNew(announcement: Announcement, view: SentView): boolean {
  return announcement.round >= (view.last?.round ?? 0);
}

/** The teacher's latest change, when it holds and why; framed when there is room. */
export function AnnouncementBanner({
  announcement,
  fresh,
  earlier,
  theme,
  width,
  compact,
}: {
  announcement: Announcement;
  fresh: boolean;
  earlier: readonly Announcement[];
  theme: Theme;
  width: number;
  compact: boolean;
}): ReactNode {
  const when = (entry: Announcement) => (entry.round === 0 ? 'before round 1' : `from round ${entry.from}`);
  const label = `${fresh ? 'NEW · ' : ''}${when(announcement)}: ${announcement.label}`;
  const inner = compact ? width : width - 4;
  // Wrapped in full at any width: the explanation is what the student has to read.
  const why = wrapText(announcement.why, inner);
  const colour = fresh ? theme.warning : theme.muted;
  const body = (
    <>
      {wrapText(`${compact && fresh ? '▶ ' : ''}${label}`, inner).map((line, index) => (
        <Paint key={`label-${index}`} theme={theme} color={colour} bold>
          {line}
        </Paint>
      ))}
      {why.map((line, index) => (
        <Text key={index}>{line}</Text>
      ))}
      {earlier.map((entry, index) => (
        <Paint key={`earlier-${index}`} theme={theme} color={theme.muted}>
          {wrapText(`also new · ${when(entry)}: ${entry.label}`, inner).join('\n')}
        </Paint>
      ))}
    </>
  );
  if (compact) {
    return (
      <Box flexShrink={0} flexDirection="column" width={width} marginTop={1}>
        {body}
      </Box>
    );
  }
  return (
    <Box
      flexShrink={0}
      flexDirection="column"
      width={width}
      borderStyle={fresh ? 'double' : 'round'}
      borderColor={theme.colour ? colour : undefined}
      paddingX={1}
    >
      {body}
    </Box>
  );
}
