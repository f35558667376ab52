import { render } from 'ink';
import type { Exercise } from '../../classroom/exercise.js';
import type { PreparedTask } from '../../classroom/exercise-tasks.js';
import { fullScreen, superviseInk } from '../shared/terminal.js';
import { makeTheme } from '../../theme/theme.js';
import type { StudentModule } from './parts.js';
import { ExerciseApp } from './app.js';

/**
 * `cooplab exercise` in a terminal: the steps on the alternate screen; afterwards one line on
 * the normal screen with the outcome, so it is still there for the discussion.
 */
export async function launchExercise(exercise: Exercise, prepared: PreparedTask, student: StudentModule | undefined): Promise<void> {
  let summary: string | undefined;
  const restoreScreen = fullScreen();
  const restore = () => {
    restoreScreen();
    process.stdout.write(`cooplab exercise ${exercise.id}: ${summary ?? 'stopped before the task was done'}\n`);
  };
  const instance = render(
    <ExerciseApp exercise={exercise} prepared={prepared} student={student} theme={makeTheme()} onSummary={(line) => (summary = line)} />,
    { exitOnCtrlC: true, patchConsole: false },
  );
  await superviseInk(instance, restore, () => undefined);
}
