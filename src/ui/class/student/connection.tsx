import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { fit, Paint } from '../../shared/widgets.js';
import type { StudentAppProps } from './props.js';

/** Before the first view: connecting, or why joining failed. */
export function Connecting({ status, closedReason, address, theme, columns }: StudentAppProps): ReactNode {
  if (closedReason !== undefined) {
    return (
      <Box flexShrink={0} flexDirection="column" width={columns}>
        <Paint theme={theme} color={theme.defect} bold>
          {`could not join: ${closedReason}`}
        </Paint>
        <Text>q quits</Text>
      </Box>
    );
  }
  return <Text>{`${status === 'reconnecting' ? 'reconnecting' : 'connecting'} to the class session${address === undefined ? '' : ` at ${address}`}…`}</Text>;
}

/** A lost connection is said plainly: the student must know their move may not arrive. */
export function Connection({ status, closedReason, view, theme, columns }: StudentAppProps): ReactNode {
  if (view?.phase === 'ended') return null;
  if (closedReason !== undefined || status === 'closed') {
    return (
      <Paint theme={theme} color={theme.defect} bold>
        {fit(`disconnected: ${closedReason ?? 'the connection is closed'} — press q to quit`, columns)}
      </Paint>
    );
  }
  if (status === 'reconnecting' || status === 'connecting') {
    return (
      <Paint theme={theme} color={theme.warning} bold>
        {fit('connection lost — reconnecting… (your firm keeps its seat)', columns)}
      </Paint>
    );
  }
  return null;
}
