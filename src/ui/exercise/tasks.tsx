import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { choiceLetter, describeMetric, formatShare, strategySteps } from '../../classroom/exercise.js';
import {
  clusterCommand,
  playOutcome,
  runPredict,
  runStrategyTask,
  type PredictOutcome,
  type PreparedTask,
  type StrategyOutcome,
  type TippingTry,
} from '../../classroom/exercise-tasks.js';
import { InputError } from '../../core/errors.js';
import { fieldAgainst, InteractiveMatch, type InteractiveMatchState, type PlayedRound } from '../../core/interactive-match.js';
import type { Move } from '../../core/strategy.js';
import { chartRows } from '../cluster/chart-rows.js';
import { condense, ordinal } from '../play/model.js';
import type { PlayInfo } from '../play/info.js';
import { PlayScreen } from '../play/screen.js';
import { commandRows, wrappedLines } from '../shared/format.js';
import { fit, formatScore, KeyHints, Paint } from '../shared/widgets.js';
import { Keys, Paragraph, useMirrored, type StepProps, type StudentModule } from './parts.js';

type Prepared<K extends PreparedTask['kind']> = Extract<PreparedTask, { kind: K }>;

/**
 * Runs work on the next tick, so that the frame saying "running…" is drawn before a run of a
 * few hundred milliseconds blocks the event loop; cancelled if the step goes away first.
 */
function useNextTick(): (work: () => void) => void {
  const timers = useRef(new Set<NodeJS.Timeout>());
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
    };
  }, []);
  return useCallback((work: () => void) => {
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      work();
    }, 0);
    timers.current.add(timer);
  }, []);
}

function Title({ children, theme }: { children: string; theme: StepProps['theme'] }): ReactNode {
  return (
    <Paint theme={theme} color={theme.accent} bold>
      {children}
    </Paint>
  );
}

/** The step is done: a blank line and the key that leads on to the questions. */
function Onward({ theme }: { theme: StepProps['theme'] }): ReactNode {
  return (
    <>
      <Text> </Text>
      <Keys keys={[['Enter', 'on to the questions']]} theme={theme} />
    </>
  );
}

function Running({ what, theme }: { what: string; theme: StepProps['theme'] }): ReactNode {
  return <Paint theme={theme} color={theme.muted}>{`${what} …`}</Paint>;
}

/** A series of shares as a small chart from 0 to 100%, generation 0 on the left. */
function SeriesChart({ series, width, theme }: { series: readonly number[]; width: number; theme: StepProps['theme'] }): ReactNode {
  const columns = Math.max(10, Math.min(series.length, width - 8));
  const rows = chartRows(series, columns, 5);
  return (
    <Box flexDirection="column">
      {rows.map((line, index) => (
        <Text key={index}>
          {`${(index === 0 ? '100%' : index === rows.length - 1 ? '0%' : '').padStart(5)} │`}
          <Paint theme={theme} color={theme.accent}>
            {line}
          </Paint>
        </Text>
      ))}
      <Paint theme={theme} color={theme.muted}>{`      └ generation 0 … ${series.length - 1}`}</Paint>
    </Box>
  );
}

export function PredictStep({ keys, exercise, prepared, theme, columns, onDone }: StepProps & { prepared: Prepared<'predict'> }): ReactNode {
  const { task, plan } = prepared;
  const [chosen, chosenNow, setChosen] = useMirrored<number | undefined>(undefined);
  const [outcome, outcomeNow, setOutcome] = useMirrored<PredictOutcome | undefined>(undefined);
  const later = useNextTick();
  const right = outcome !== undefined && outcome.correct === chosen;
  keys.current = (input, key) => {
    const choice = chosenNow.current;
    if (choice === undefined) {
      const index = input.length === 1 ? input.toLowerCase().charCodeAt(0) - 97 : -1;
      if (index < 0 || index >= task.choices.length) return;
      setChosen(index);
      later(() => setOutcome(runPredict(task, plan)));
      return;
    }
    const result = outcomeNow.current;
    if (result !== undefined && key.return) {
      onDone(
        `predicted ${choiceLetter(choice)}, the run gave ${formatShare(result.value)} (${choiceLetter(result.correct)}): ${result.correct === choice ? 'right' : 'not this time'}`,
      );
    }
  };
  return (
    <Box flexDirection="column">
      <Title theme={theme}>Task</Title>
      <Paragraph width={columns - 1}>{exercise.task.prompt}</Paragraph>
      {task.choices.map((choice, index) => (
        <Text key={index}>
          {index === chosen ? (
            <Paint theme={theme} color={theme.warning} bold>{`▶ ${choiceLetter(index)}  ${choice.label}`}</Paint>
          ) : (
            `  ${choiceLetter(index)}  ${choice.label}`
          )}
          {outcome !== undefined && index === outcome.correct ? (
            <Paint theme={theme} color={theme.cooperate} bold>
              {'   ← the run'}
            </Paint>
          ) : (
            ''
          )}
        </Text>
      ))}
      <Text> </Text>
      {chosen === undefined ? <Keys keys={[[`a–${choiceLetter(task.choices.length - 1)}`, 'your prediction']]} theme={theme} /> : null}
      {chosen !== undefined && outcome === undefined ? <Running what={`Running ${task.scenario} for ${plan.generations} generations`} theme={theme} /> : null}
      {outcome === undefined ? null : (
        <Box flexDirection="column">
          <Title theme={theme}>The run</Title>
          <Text>
            {`${describeMetric(plan.metric)} at generation ${outcome.at}: `}
            <Paint theme={theme} bold>
              {formatShare(outcome.value)}
            </Paint>
          </Text>
          <SeriesChart series={outcome.series} width={columns} theme={theme} />
          <Text>
            {right ? (
              <Paint theme={theme} color={theme.cooperate} bold>{`You predicted ${choiceLetter(chosen!)}: right.`}</Paint>
            ) : (
              <Paint
                theme={theme}
                color={theme.defect}
                bold
              >{`You predicted ${choiceLetter(chosen!)}: not this time. The run gave ${formatShare(outcome.value)}, which is ${choiceLetter(outcome.correct)}.`}</Paint>
            )}
          </Text>
          {/* The command whole, to copy: wrapped as the shell reads it, never cut. */}
          {(`Explore it: ${clusterCommand(plan, task.scenario)}`.length <= columns - 1
            ? [`Explore it: ${clusterCommand(plan, task.scenario)}`]
            : ['Explore it:', ...commandRows(clusterCommand(plan, task.scenario), columns - 3).map((row) => `  ${row}`)]
          ).map((row, index) => (
            <Paint key={index} theme={theme} color={theme.muted}>
              {row}
            </Paint>
          ))}
          <Onward theme={theme} />
        </Box>
      )}
    </Box>
  );
}

export function TippingStep({ keys, exercise, prepared, theme, columns, rows, onDone }: StepProps & { prepared: Prepared<'tipping'> }): ReactNode {
  const { search } = prepared;
  const [typed, typedNow, setTyped] = useMirrored('');
  const [tries, triesNow, setTries] = useMirrored<readonly TippingTry[]>([]);
  const [pending, pendingNow, setPending] = useMirrored<number | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const later = useNextTick();
  keys.current = (input, key) => {
    if (pendingNow.current !== undefined) return;
    if (key.return) {
      const text = typedNow.current.trim();
      const done = triesNow.current;
      if (text === '') {
        onDone(
          search.found(done)
            ? `found ${search.answer()} in ${done.length} tries`
            : `tried ${done.map((entry) => entry.value).join(', ') || 'nothing'}; not found yet`,
        );
        return;
      }
      setTyped('');
      let value: number;
      try {
        value = search.onGrid(Number(text));
      } catch (problem) {
        if (!(problem instanceof InputError)) throw problem;
        setError(problem.message);
        return;
      }
      setError(undefined);
      setPending(value);
      later(() => {
        setTries([...triesNow.current, search.attempt(value)]);
        setPending(undefined);
      });
      return;
    }
    if (key.backspace || key.delete) setTyped(typedNow.current.slice(0, -1));
    else setTyped(typedNow.current + input.replace(/[^0-9.-]/g, ''));
  };
  const { parameter } = search.task;
  const shown = tries.slice(-Math.max(3, rows - 16));
  return (
    <Box flexDirection="column">
      <Title theme={theme}>Task</Title>
      <Paragraph width={columns - 1}>{exercise.task.prompt}</Paragraph>
      <Paragraph width={columns - 1}>{search.describeRule()}</Paragraph>
      <Text> </Text>
      {shown.map((entry, index) => (
        <Text key={index}>
          {`  ${parameter} = ${String(entry.value).padEnd(6)}  ${search.plan.metric} at generation ${search.plan.at}: ${formatShare(entry.reading).padStart(6)}   `}
          <Paint theme={theme} color={entry.tipped ? theme.cooperate : theme.defect} bold>
            {entry.tipped ? 'tipped' : 'not tipped'}
          </Paint>
        </Text>
      ))}
      {pending === undefined ? null : <Running what={`Running with ${parameter} = ${pending}`} theme={theme} />}
      <Paragraph width={columns - 1}>{search.status(tries)}</Paragraph>
      {error === undefined ? null : (
        <Paint theme={theme} color={theme.defect}>
          {fit(error, columns - 1)}
        </Paint>
      )}
      <Text> </Text>
      <Text>
        {`${parameter} = `}
        <Paint theme={theme} bold>
          {typed}
        </Paint>
        {'▏'}
      </Text>
      <Keys
        keys={[
          ['0–9 .', 'type a value'],
          ['Enter', 'run it (with nothing typed: on to the questions)'],
        ]}
        theme={theme}
      />
    </Box>
  );
}

function Standings({ outcome, theme, rows }: { outcome: StrategyOutcome; theme: StepProps['theme']; rows: number }): ReactNode {
  const { result } = outcome;
  const summaries = result.ranking.map((id) => result.summaries.find((summary) => summary.id === id)!);
  const focus = summaries.findIndex((summary) => summary.id === outcome.id);
  const width = Math.min(26, Math.max(...summaries.map((summary) => summary.id.length)));
  return (
    <Box flexDirection="column">
      <Paint theme={theme} color={theme.muted}>{`${'#'.padStart(4)}  ${'strategy'.padEnd(width)}  score/turn  co-operation`}</Paint>
      {condense(summaries, focus, Math.max(4, rows)).map((line, index) => {
        if (line.kind === 'gap') return <Paint key={`gap-${index}`} theme={theme} color={theme.muted}>{`      … ${line.hidden} more`}</Paint>;
        const summary = line.item;
        const text = `${String(summary.rank).padStart(4)}  ${fit(summary.id, width).padEnd(width)}  ${summary.meanPerTurn.toFixed(3).padStart(10)}  ${formatShare(summary.cooperationRate).padStart(12)}`;
        return summary.id === outcome.id ? (
          <Paint key={summary.id} theme={theme} color={theme.warning} bold>{`${text}   ← yours`}</Paint>
        ) : (
          <Text key={summary.id}>{text}</Text>
        );
      })}
    </Box>
  );
}

export function StrategyStep({
  keys,
  exercise,
  prepared,
  student,
  theme,
  columns,
  rows,
  onDone,
}: StepProps & { prepared: Prepared<'strategy'>; student: StudentModule | undefined }): ReactNode {
  const { task, plan } = prepared;
  const [started, startedNow, setStarted] = useMirrored(false);
  const [outcome, outcomeNow, setOutcome] = useMirrored<StrategyOutcome | undefined>(undefined);
  const later = useNextTick();
  keys.current = (_input, key) => {
    if (!key.return) return;
    const result = outcomeNow.current;
    if (student === undefined) onDone('no strategy entered yet');
    else if (!startedNow.current) {
      setStarted(true);
      later(() => setOutcome(runStrategyTask(task, plan, student.strategy)));
    } else if (result !== undefined) onDone(`${result.id} ranks ${ordinal(result.rank)} of ${result.of}: ${result.passed ? 'passed' : 'not yet'}`);
  };
  const { settings } = plan;
  return (
    <Box flexDirection="column">
      <Title theme={theme}>Task</Title>
      <Paragraph width={columns - 1}>{exercise.task.prompt}</Paragraph>
      <Paragraph width={columns - 1}>
        {`The field: ${plan.field.map((strategy) => strategy.id).join(', ')}. Payoffs R=${settings.game.R} S=${settings.game.S} T=${settings.game.T} P=${settings.game.P}; ${settings.turns} rounds a match, ${settings.repetitions} repetitions, noise ${settings.noise}. Goal: rank ${task.goal.rank} or better (a tie ranks yours below).`}
      </Paragraph>
      <Text> </Text>
      {student === undefined ? (
        <Box flexDirection="column">
          <Title theme={theme}>How to start</Title>
          {strategySteps(exercise.id).map((line) => (
            <Text key={line}>{fit(`  ${line}`, columns - 1)}</Text>
          ))}
          <Onward theme={theme} />
        </Box>
      ) : !started ? (
        <Box flexDirection="column">
          <Text>{`Your strategy: ${student.strategy.name} (${student.strategy.id}) from ${student.file}`}</Text>
          <Text> </Text>
          <Keys keys={[['Enter', 'play it against the field']]} theme={theme} />
        </Box>
      ) : outcome === undefined ? (
        <Running what="Playing the tournament" theme={theme} />
      ) : (
        <Box flexDirection="column">
          <Title theme={theme}>The tournament</Title>
          <Standings outcome={outcome} theme={theme} rows={rows - 14} />
          <Text> </Text>
          <Text>
            <Paint theme={theme} color={outcome.passed ? theme.cooperate : theme.defect} bold>
              {outcome.disqualified !== undefined
                ? `Disqualified: ${outcome.disqualified}`
                : `${outcome.id} ranks ${ordinal(outcome.rank)} of ${outcome.of}; the goal is rank ${outcome.goal}: ${outcome.passed ? 'passed.' : 'not yet.'}`}
            </Paint>
          </Text>
          <Onward theme={theme} />
        </Box>
      )}
    </Box>
  );
}

export function PlayStep({ keys, exercise, prepared, theme, columns, rows, onDone }: StepProps & { prepared: Prepared<'play'> }): ReactNode {
  const { game } = prepared;
  const match = useMemo(() => new InteractiveMatch(game.opponent, game.settings), [game]);
  const info = useMemo<PlayInfo>(
    () => ({
      opponent: game.opponent,
      hidden: true,
      game: game.settings.game,
      probEnd: game.settings.probEnd,
      activity: prepared.activity,
      seed: game.settings.seed,
      field: fieldAgainst(game.opponent, game.others, game.settings),
    }),
    [game, prepared.activity],
  );
  const played = useRef<PlayedRound[]>([]);
  const [state, setState] = useState<InteractiveMatchState>(() => match.state);
  keys.current = (input, key) => {
    // The match's own state, not this render's: keys can arrive faster than frames.
    if (match.state.finished) {
      if (!key.return) return;
      const outcome = playOutcome(game, played.current, match.state.scores);
      const [mine, theirs] = outcome.scores;
      onDone(
        `you ${formatScore(mine)}, ${outcome.opponent.name} (${outcome.opponent.id}) ${formatScore(theirs)} over ${outcome.rounds.length} rounds; ${ordinal(outcome.rank)} of ${outcome.of} against it; seed ${game.settings.seed}`,
      );
      return;
    }
    const move: Move | undefined = input === 'c' || input === 'C' ? 'C' : input === 'd' || input === 'D' ? 'D' : undefined;
    if (move === undefined) return;
    played.current.push(match.play(move));
    setState(match.state);
  };
  const promptLines = state.finished ? 0 : wrappedLines(exercise.task.prompt, columns - 1) + 1;
  return (
    <Box flexDirection="column">
      {state.finished ? null : (
        <>
          <Paragraph width={columns - 1}>{exercise.task.prompt}</Paragraph>
          <Text> </Text>
        </>
      )}
      <PlayScreen state={state} info={info} theme={theme} columns={columns} rows={rows - promptLines - (state.finished ? 1 : 0)} />
      {state.finished ? (
        <Text>
          <KeyHints keys={[['Enter', 'on to the questions']]} theme={theme} gap="   " />
        </Text>
      ) : null}
    </Box>
  );
}
