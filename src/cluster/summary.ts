import type { LoggedEvent } from './events.js';
import type { GenerationRecord } from './metrics.js';
import { yearOf, type YearScale } from './scenario.js';

/**
 * The paragraph a facilitator is left with when a live run ends: where co-operation started
 * and ended, its peak, and the steepest climb with the intervention that came before it.
 * Every figure is read from the run's own records and event log.
 */

/** How many generations the steepest climb is measured over. */
const CLIMB_WINDOW = 10;

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function runSummary(run: {
  readonly scenario: { readonly name: string; readonly years?: YearScale | undefined };
  readonly seed: number;
  readonly records: readonly GenerationRecord[];
  readonly log: readonly LoggedEvent[];
}): string {
  const { records, log } = run;
  const first = records[0];
  const last = records[records.length - 1];
  if (first === undefined || last === undefined) return `${run.scenario.name}, seed ${run.seed}: no generation was played.`;
  const when = (generation: number) =>
    run.scenario.years === undefined ? `generation ${generation}` : `generation ${generation} (${yearOf(run.scenario.years, generation)})`;
  const span = last.generation - first.generation;
  const sentences = [
    `${run.scenario.name}, seed ${run.seed}: co-operation went from ${percent(first.cooperation)} to ${percent(last.cooperation)} in ${span} generation${span === 1 ? '' : 's'} (mutual co-operation ${percent(last.mutualCooperation)}, mean trust ${last.meanTrust.toFixed(2)} at ${when(last.generation)}).`,
  ];
  const peak = records.reduce((best, record) => (record.cooperation > best.cooperation ? record : best), first);
  if (peak.cooperation - last.cooperation >= 0.05) sentences.push(`It peaked at ${percent(peak.cooperation)} at ${when(peak.generation)}.`);
  let climb: { from: GenerationRecord; to: GenerationRecord } | undefined;
  for (let index = 0; index + 1 < records.length; index++) {
    const to = records[Math.min(records.length - 1, index + CLIMB_WINDOW)]!;
    const rise = to.cooperation - records[index]!.cooperation;
    if (rise > (climb === undefined ? 0.1 : climb.to.cooperation - climb.from.cooperation)) climb = { from: records[index]!, to };
  }
  if (climb !== undefined) {
    // The latest intervention before the climb ended: a programme started inside the window counts.
    const before = [...log].reverse().find((event) => event.generation < climb.to.generation);
    const cause = before === undefined ? '' : `, following "${before.label}" (${when(before.generation)})`;
    sentences.push(
      `The steepest climb, from ${percent(climb.from.cooperation)} to ${percent(climb.to.cooperation)}, came between ${when(climb.from.generation)} and ${when(climb.to.generation)}${cause}.`,
    );
  }
  if (log.length > 0) sentences.push(`${log.length} event${log.length === 1 ? '' : 's'} in the log.`);
  return sentences.join(' ');
}
