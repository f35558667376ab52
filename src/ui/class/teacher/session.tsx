import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { hintRows, Keys, Screen, StatusBar } from '../panels.js';
import { ClassPanel } from './class-panel.js';
import { JoinLine } from './join-line.js';
import { teacherKeys } from './key-hints.js';
import { SIDE_NARROW, SIDE_WIDE } from './layout.js';
import type { TeacherAppProps } from './props.js';
import { RoundLine } from './round-line.js';
import { SidePanel } from './side-panel.js';
import { phaseText, statusLeft } from './status-text.js';

/** From the first round on: the round, the class beside (or above) the charts, the rules and the log. */
export function Session(props: TeacherAppProps): ReactNode {
  const { snapshot, theme, columns, rows } = props;
  const keys = teacherKeys(snapshot, props.holding);
  const keyLines = hintRows(keys, columns).length;
  const results = snapshot.phase === 'ended' ? (props.resultsError !== undefined ? [props.resultsError] : (props.results ?? [])).slice(0, 4) : [];
  const written = props.resultsError !== undefined ? 'failed' : props.results !== undefined ? 'yes' : 'no';
  // Status, join line, round line, a blank, the keys, and Ink's last row.
  const body = Math.max(6, rows - 4 - results.length - keyLines - 1);
  const side = columns >= 100 ? SIDE_WIDE : columns >= 70 ? SIDE_NARROW : columns;
  const stacked = side === columns;
  const main = stacked ? columns : columns - side - 2;
  return (
    <Screen columns={columns} rows={rows} footer={<Keys keys={keys} theme={theme} width={columns} />}>
      <StatusBar theme={theme} left={statusLeft(snapshot)} right={`${phaseText(snapshot, props.holding)} · room ${props.code}`} width={columns} />
      <JoinLine address={props.addresses[0]} code={props.code} theme={theme} width={columns} pageUrl={props.pageUrls[0]} />
      <RoundLine snapshot={snapshot} holding={props.holding} now={props.now} written={written} theme={theme} width={columns} />
      {results.map((line, index) => (
        <Text key={index} wrap="truncate">{`  ${line}`}</Text>
      ))}
      <Text> </Text>
      <Box flexShrink={0} flexDirection={stacked ? 'column' : 'row'} columnGap={2} height={body} overflow="hidden">
        <ClassPanel snapshot={snapshot} theme={theme} width={main} rows={stacked ? Math.ceil(body / 2) : body} />
        <SidePanel snapshot={snapshot} log={props.log} theme={theme} width={side} rows={stacked ? Math.floor(body / 2) : body} />
      </Box>
    </Screen>
  );
}
