import { Box, Text, type useInput } from 'ink';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { Exercise } from '../../classroom/exercise.js';
import type { Strategy } from '../../core/strategy.js';
import type { Theme } from '../../theme/theme.js';
import { KeyHints } from '../shared/widgets.js';

/** The student's strategy module for a strategy exercise, loaded before the view starts. */
export interface StudentModule {
  readonly file: string;
  readonly strategy: Strategy;
}

export type KeyHandler = Parameters<typeof useInput>[0];

/**
 * What every task step gets: its part of the screen, a way on to the questions, and the slot
 * for its key handler. The app reads every key and passes it on through the slot, which a step
 * fills while it renders: a key that arrives right after a step first appears reaches it,
 * where a step's own useInput would subscribe only after the frame is drawn.
 */
export interface StepProps {
  readonly keys: { current: KeyHandler | undefined };
  readonly exercise: Exercise;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
  readonly onDone: (summary: string) => void;
}

export function Keys({ keys, theme }: { keys: readonly (readonly [string, string])[]; theme: Theme }): ReactNode {
  return (
    <Text>
      <KeyHints keys={[...keys, ['q', 'quit']]} theme={theme} gap="   " />
    </Text>
  );
}

/** A paragraph wrapped to the screen. */
export function Paragraph({ children, width }: { children: string; width: number }): ReactNode {
  return (
    <Box width={Math.max(20, width)}>
      <Text wrap="wrap">{children}</Text>
    </Box>
  );
}

/**
 * State with a ref that always holds the latest value: key handlers read the ref, because
 * keys can arrive before the frame (and the handler) for the newest state exists.
 */
export function useMirrored<T>(initial: T): [T, { readonly current: T }, (value: T) => void] {
  const [value, setValue] = useState(initial);
  const ref = useRef(initial);
  const set = useCallback((next: T) => {
    ref.current = next;
    setValue(next);
  }, []);
  return [value, ref, set];
}
