import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { SeatState } from '../../../classroom/session.js';
import type { Theme } from '../../../theme/theme.js';
import { wrappedLines } from '../../shared/format.js';
import { Paint } from '../../shared/widgets.js';
import { bigText, bigWidth, BIG_ROWS } from '../big-text.js';
import { hintRows, Keys, Rules, Screen, StatusBar, Title } from '../panels.js';
import { EventLog } from './event-log.js';
import { JoinLine } from './join-line.js';
import { teacherKeys } from './key-hints.js';
import { SIDE_WIDE } from './layout.js';
import type { TeacherAppProps } from './props.js';
import { phaseText, statusLeft } from './status-text.js';

/** Before the first round: how to join, the room code in big letters, who has joined, the rules and the log. */
export function Lobby(props: TeacherAppProps): ReactNode {
  const { snapshot, addresses, code, theme, columns, rows } = props;
  const keys = teacherKeys(snapshot, props.holding);
  const rulesRows = 3 + snapshot.rules.activities.length + snapshot.rules.pending.length;
  const students = snapshot.seats.filter((seat) => seat.kind === 'student');
  // Status, blank, title, join line(s), blank, [code], names, blank, prompt, blank, …, keys, Ink's last row.
  const base = 5 + (addresses.length > 1 ? 1 : 0) + 3 + hintRows(keys, columns).length + 1;
  // Wide: the rules and the event log side by side; narrow: the log below the rules.
  const wide = columns >= 100;
  const bottomMin = wide ? rulesRows : rulesRows + 3;
  const big = rows - base - BIG_ROWS - 1 >= bottomMin + 1 && bigWidth(code) + 2 <= columns;
  const room = rows - base - (big ? BIG_ROWS + 1 : 0);
  const nameRows = Math.max(1, Math.min(wrappedLines(joinedText(students, students.length), columns), room - bottomMin));
  const logRows = Math.max(1, wide ? room - nameRows - 1 : room - nameRows - rulesRows - 2);
  const rulesWidth = wide ? SIDE_WIDE : columns;
  return (
    <Screen columns={columns} rows={rows} footer={<Keys keys={keys} theme={theme} width={columns} />}>
      <StatusBar theme={theme} left={statusLeft(snapshot)} right={`${phaseText(snapshot, props.holding)} · room ${code}`} width={columns} />
      <Text> </Text>
      <Title theme={theme}>Students, join from your own terminal:</Title>
      <Box flexShrink={0} paddingLeft={2} flexDirection="column">
        <JoinLine address={addresses[0]} code={code} theme={theme} width={columns - 2} />
        {addresses.length > 1 ? <Text wrap="truncate">{`or use the address ${addresses.slice(1).join(' or ')}`}</Text> : null}
      </Box>
      {big ? (
        <Box flexShrink={0} flexDirection="column" paddingLeft={2} marginTop={1}>
          {bigText(code).map((line, index) => (
            <Paint key={index} theme={theme} color={theme.warning} bold>
              {line}
            </Paint>
          ))}
        </Box>
      ) : null}
      <Text> </Text>
      <JoinedList students={students} theme={theme} width={columns} rows={nameRows} />
      <Text> </Text>
      <Paint theme={theme} color={theme.accent} bold>
        {students.length === 0 ? 'waiting for students to join… press space to start with bots only' : 'press space to start'}
      </Paint>
      <Text> </Text>
      <Box flexShrink={0} flexDirection={wide ? 'row' : 'column'} columnGap={4} rowGap={1}>
        <Rules rules={snapshot.rules} theme={theme} width={rulesWidth} keys />
        <EventLog lines={props.log} theme={theme} width={wide ? columns - rulesWidth - 4 : columns} rows={logRows} />
      </Box>
    </Screen>
  );
}

function joinedText(students: readonly SeatState[], shown: number): string {
  const label = (seat: SeatState) => (seat.connected ? seat.name : `${seat.name} (away)`);
  const more = shown < students.length ? ` … and ${students.length - shown} more` : '';
  return `joined (${students.length}): ${students.length === 0 ? 'nobody yet' : students.slice(0, shown).map(label).join(' · ')}${more}`;
}

/** Who has joined, as many names as fit; one who left is shown as away. */
function JoinedList({ students, theme, width, rows }: { students: readonly SeatState[]; theme: Theme; width: number; rows: number }): ReactNode {
  let shown = students.length;
  while (shown > 0 && wrappedLines(joinedText(students, shown), width) > rows) shown--;
  const hidden = students.length - shown;
  return (
    <Box flexShrink={0} width={width}>
      <Text wrap="wrap">
        <Title theme={theme}>{`joined (${students.length}):`}</Title>
        {students.length === 0 ? ' nobody yet' : ' '}
        {students.slice(0, shown).map((seat, index) => (
          <Text key={seat.index}>
            {index > 0 ? ' · ' : ''}
            <Paint theme={theme} dim={!seat.connected}>
              {seat.connected ? seat.name : `${seat.name} (away)`}
            </Paint>
          </Text>
        ))}
        {hidden > 0 ? ` … and ${hidden} more` : ''}
      </Text>
    </Box>
  );
}
