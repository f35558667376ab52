import { Box, Text } from 'ink';
import { type ReactNode, useMemo } from 'react';
import type { SeatState } from '../../../classroom/session.js';
import type { Theme } from '../../../theme/theme.js';
import { wrappedLines } from '../../shared/format.js';
import { Paint } from '../../shared/widgets.js';
import { bigText, bigWidth, BIG_ROWS } from '../big-text.js';
import { hintRows, Keys, Rules, Screen, StatusBar, Title } from '../panels.js';
import { type QrBlocks, qrBlocks } from '../qr.js';
import { EventLog } from './event-log.js';
import { JoinQr, qrRows, qrTarget } from './join-qr.js';
import { JoinLine } from './join-line.js';
import { teacherKeys } from './key-hints.js';
import { SIDE_WIDE } from './layout.js';
import type { TeacherAppProps } from './props.js';
import { phaseText, statusLeft } from './status-text.js';

/** Columns the room code, the names and the prompt keep beside the QR code. */
const LEFT_MIN = 40;

/**
 * Before the first round: how to join (the terminal command, the web page's address and its QR
 * code), the room code in big letters, who has joined, the rules and the log. The QR code needs
 * its own room: when the terminal is too small for it, a line says how large it must be.
 */
export function Lobby(props: TeacherAppProps): ReactNode {
  const { snapshot, addresses, pageUrls, code, theme, columns, rows } = props;
  const keys = teacherKeys(snapshot, props.holding);
  const rulesRows = 3 + snapshot.rules.activities.length + snapshot.rules.pending.length;
  const students = snapshot.seats.filter((seat) => seat.kind === 'student');
  const pageUrl = pageUrls[0];
  const qr = useMemo(
    () => (pageUrl === undefined ? undefined : qrBlocks(qrTarget(pageUrl, code), theme.colour ? 'dark' : 'light')),
    [pageUrl, code, theme.colour],
  );
  const web = webText(pageUrls, code, columns - 2);
  // Status, blank, title, join line(s), [web lines], [QR note], … the middle …, blank, …, keys, Ink's last row.
  const lines = 4 + (addresses.length > 1 ? 1 : 0) + (web === undefined ? 0 : wrappedLines(web, columns - 2)) + 1 + hintRows(keys, columns).length + 1;
  // Wide: the rules and the event log side by side; narrow: the log below the rules.
  const wide = columns >= 100;
  const bottomMin = wide ? rulesRows : rulesRows + 3;
  // The middle: [big code], blank, names, blank, prompt; the QR code beside it when it fits.
  const middleMax = rows - lines - bottomMin;
  const showQr = qr !== undefined && columns >= qr.width + 3 + LEFT_MIN && qrRows(qr) <= middleMax;
  const note = qr === undefined || showQr ? undefined : qrNote(qr, lines + bottomMin + qrRows(qr));
  const noteRows = note === undefined ? 0 : wrappedLines(note, columns - 2);
  const middleRoom = middleMax - noteRows;
  const left = showQr ? columns - qr.width - 3 : columns;
  const big = middleRoom - BIG_ROWS - 1 >= 4 && bigWidth(code) + 2 <= left;
  const nameRows = Math.max(1, Math.min(wrappedLines(joinedText(students, students.length), left), middleRoom - (big ? BIG_ROWS + 1 : 0) - 3));
  const middle = Math.max((big ? BIG_ROWS + 1 : 0) + nameRows + 3, showQr ? qrRows(qr) : 0);
  const bottomRoom = rows - lines - noteRows - middle;
  const logRows = Math.max(1, wide ? bottomRoom - 1 : bottomRoom - rulesRows - 2);
  const rulesWidth = wide ? SIDE_WIDE : columns;
  return (
    <Screen columns={columns} rows={rows} footer={<Keys keys={keys} theme={theme} width={columns} />}>
      <StatusBar theme={theme} left={statusLeft(snapshot)} right={`${phaseText(snapshot, props.holding)} · room ${code}`} width={columns} />
      <Text> </Text>
      <Title theme={theme}>Students, join from your own terminal or a browser:</Title>
      <Box flexShrink={0} paddingLeft={2} flexDirection="column">
        <JoinLine address={addresses[0]} code={code} theme={theme} width={columns - 2} />
        {addresses.length > 1 ? <Text wrap="truncate">{`or use the address ${addresses.slice(1).join(' or ')}`}</Text> : null}
        {web === undefined ? null : <WebLine text={web} url={pageUrls[0]!} theme={theme} width={columns - 2} />}
        {note === undefined ? null : (
          <Box flexShrink={0} width={columns - 2}>
            <Text wrap="wrap">{note}</Text>
          </Box>
        )}
      </Box>
      <Box flexShrink={0} flexDirection="row" columnGap={3}>
        <Box flexShrink={0} flexDirection="column" width={left}>
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
          <JoinedList students={students} theme={theme} width={left} rows={nameRows} />
          <Text> </Text>
          <Paint theme={theme} color={theme.accent} bold>
            {students.length === 0 ? 'waiting for students to join… press space to start with bots only' : 'press space to start'}
          </Paint>
        </Box>
        {showQr ? <JoinQr qr={qr} theme={theme} /> : null}
      </Box>
      <Text> </Text>
      <Box flexShrink={0} flexDirection={wide ? 'row' : 'column'} columnGap={4} rowGap={1}>
        <Rules rules={snapshot.rules} theme={theme} width={rulesWidth} keys />
        <EventLog lines={props.log} theme={theme} width={wide ? columns - rulesWidth - 4 : columns} rows={logRows} />
      </Box>
    </Screen>
  );
}

/** Why the QR code is not on screen, and the terminal size that shows it. */
function qrNote(qr: QrBlocks, rowsNeeded: number): string {
  return `(enlarge the terminal to ${qr.width + 3 + LEFT_MIN}×${rowsNeeded} or more to show the QR code)`;
}

/** The web page's address for students with nothing installed; the other addresses and the code when they fit. */
function webText(urls: readonly string[], code: string, width: number): string | undefined {
  if (urls.length === 0) return undefined;
  const full = `or open in a browser: ${urls.join(' or ')} (code ${code})`;
  return full.length <= width ? full : `or open in a browser: ${urls[0]}`;
}

/** The web address, wrapped rather than cut: a student has to type it. */
function WebLine({ text, url, theme, width }: { text: string; url: string; theme: Theme; width: number }): ReactNode {
  const at = text.indexOf(url);
  const [before, after] = [text.slice(0, at), text.slice(at + url.length)];
  return (
    <Box flexShrink={0} width={width}>
      <Text wrap="wrap">
        {before}
        <Paint theme={theme} bold>
          {url}
        </Paint>
        {after}
      </Text>
    </Box>
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
