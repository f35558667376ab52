import { Box, Text, useApp, useInput } from 'ink';
import { useRef, useState, type ReactNode } from 'react';
import type { Exercise } from '../../classroom/exercise.js';
import type { PreparedTask } from '../../classroom/exercise-tasks.js';
import type { Theme } from '../../theme/theme.js';
import { KeyHints, Paint, useTerminalSize } from '../shared/widgets.js';
import { Keys, Paragraph, useMirrored, type KeyHandler, type StepProps, type StudentModule } from './parts.js';
import { PlayStep, PredictStep, StrategyStep, TippingStep } from './tasks.js';

export type Stage = 'briefing' | 'task' | 'questions';
const STAGES: readonly Stage[] = ['briefing', 'task', 'questions'];

export interface ExerciseAppProps {
  readonly exercise: Exercise;
  readonly prepared: PreparedTask;
  readonly student?: StudentModule | undefined;
  readonly theme: Theme;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  readonly columns?: number;
  readonly rows?: number;
  /** The outcome in one line, once the task is done: printed when the view closes. */
  readonly onSummary?: (summary: string) => void;
}

function Header({ exercise, stage, theme }: { exercise: Exercise; stage: Stage; theme: Theme }): ReactNode {
  return (
    <Box flexDirection="column">
      <Text>
        <Paint theme={theme} color={theme.accent} bold>
          {`cooplab exercise · step ${exercise.step} · ${exercise.title}`}
        </Paint>
      </Text>
      <Paint theme={theme} color={theme.muted}>{`${exercise.theme} · ${exercise.task.kind} · about ${exercise.minutes} min`}</Paint>
      <Text>
        {STAGES.map((name, index) => (
          <Text key={name}>
            {index > 0 ? '  ›  ' : ''}
            {name === stage ? (
              <Paint theme={theme} color={theme.warning} bold>{`[${name}]`}</Paint>
            ) : (
              <Paint theme={theme} color={theme.muted}>{` ${name} `}</Paint>
            )}
          </Text>
        ))}
      </Text>
    </Box>
  );
}

function Briefing({ exercise, theme, width }: { exercise: Exercise; theme: Theme; width: number }): ReactNode {
  return (
    <Box flexDirection="column">
      <Paint theme={theme} color={theme.accent} bold>
        Briefing
      </Paint>
      <Paragraph width={width}>{exercise.briefing}</Paragraph>
      <Text> </Text>
      <Keys keys={[['Enter', 'on to the task']]} theme={theme} />
    </Box>
  );
}

function Questions({
  exercise,
  theme,
  width,
  short,
  summary,
}: {
  exercise: Exercise;
  theme: Theme;
  width: number;
  short: boolean;
  summary: string | undefined;
}): ReactNode {
  return (
    <Box flexDirection="column">
      {summary === undefined ? null : (
        <>
          <Text>
            <Paint theme={theme} bold>
              Outcome:
            </Paint>
            {` ${summary}`}
          </Text>
          <Text> </Text>
        </>
      )}
      <Paint theme={theme} color={theme.accent} bold>
        Questions for discussion
      </Paint>
      {exercise.questions.map((question, index) => (
        <Box key={index} width={Math.max(20, width)}>
          <Text>{`${index + 1}. `.padEnd(4)}</Text>
          <Box flexGrow={1}>
            <Text wrap="wrap">{question}</Text>
          </Box>
        </Box>
      ))}
      {/* On a short screen the questions matter more; the source is in the plain text and the docs. */}
      {short ? null : (
        <>
          <Text> </Text>
          <Box width={Math.max(20, width)}>
            <Paint theme={theme} color={theme.muted}>{`Source: ${exercise.source}`}</Paint>
          </Box>
        </>
      )}
      <Text> </Text>
      <Text>
        <KeyHints
          keys={[
            ['Enter', 'finish'],
            ['q', 'quit'],
          ]}
          theme={theme}
          gap="   "
        />
      </Text>
    </Box>
  );
}

function TaskStep({ prepared, student, ...props }: StepProps & { prepared: PreparedTask; student: StudentModule | undefined }): ReactNode {
  switch (prepared.kind) {
    case 'play':
      return <PlayStep {...props} prepared={prepared} />;
    case 'predict':
      return <PredictStep {...props} prepared={prepared} />;
    case 'tipping':
      return <TippingStep {...props} prepared={prepared} />;
    case 'strategy':
      return <StrategyStep {...props} prepared={prepared} student={student} />;
  }
}

/** The exercise step by step: briefing, the task (its run included), questions. q or Esc quits anywhere. */
export function ExerciseApp({ exercise, prepared, student, theme, columns, rows, onSummary }: ExerciseAppProps): ReactNode {
  const { exit } = useApp();
  const size = useTerminalSize(columns, rows);
  const [stage, stageNow, setStage] = useMirrored<Stage>('briefing');
  const [summary, setSummary] = useState<string | undefined>(undefined);
  const stepKeys = useRef<KeyHandler | undefined>(undefined);
  const onKey: KeyHandler = (input, key) => {
    if (input === 'q' || input === 'Q' || key.escape || (key.ctrl && input === 'c')) {
      exit();
      return;
    }
    if (stageNow.current === 'task') {
      stepKeys.current?.(input, key);
      return;
    }
    if (!key.return) return;
    if (stageNow.current === 'briefing') setStage('task');
    else if (stageNow.current === 'questions') exit();
  };
  useInput((input, key) => {
    // Keys typed fast (or sent by tmux) can arrive as one chunk, such as "3.5\r": one at a time.
    if (input.length <= 1 || input.includes('\u001b')) onKey(input, key);
    else for (const char of input) onKey(char === '\r' || char === '\n' ? '' : char, { ...key, return: char === '\r' || char === '\n' });
  });
  const width = size.columns - 1;
  const done = (line: string) => {
    setSummary(line);
    onSummary?.(line);
    setStage('questions');
  };
  return (
    <Box flexDirection="column" width={size.columns}>
      <Header exercise={exercise} stage={stage} theme={theme} />
      <Text> </Text>
      {stage === 'briefing' ? <Briefing exercise={exercise} theme={theme} width={width} /> : null}
      {stage === 'task' ? (
        <TaskStep
          keys={stepKeys}
          exercise={exercise}
          prepared={prepared}
          student={student}
          theme={theme}
          columns={size.columns}
          rows={Math.max(10, size.rows - 5)}
          onDone={done}
        />
      ) : null}
      {stage === 'questions' ? <Questions exercise={exercise} theme={theme} width={width} short={size.rows < 32} summary={summary} /> : null}
    </Box>
  );
}
