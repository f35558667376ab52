import type { ClassSnapshot, SeatState } from '../../classroom/session.js';
import { fit } from '../shared/widgets.js';

/**
 * Layout arithmetic of the class views, kept out of the components so it can be tested
 * without rendering.
 */

/** Whole seconds left, rounded up: "1 s" until the round is actually over. */
export function secondsLeft(remainingMs: number): number {
  return Math.max(0, Math.ceil(remainingMs / 1000));
}

/**
 * A name cut to `width` characters so that a room can still tell its owner: a bot keeps its
 * number ("Tit For Tat 6" → "TFT 6"), a person keeps their first name and initials.
 */
export function abbreviate(name: string, width: number): string {
  if (width <= 0) return '';
  if (name.length <= width) return name;
  const words = name.split(' ').filter((word) => word !== '');
  if (words.length > 1) {
    const last = words[words.length - 1]!;
    const numbered = /^\d+$/.test(last);
    const candidate = numbered
      ? `${words
          .slice(0, -1)
          .map((word) => word[0])
          .join('')} ${last}`
      : `${words[0]} ${words
          .slice(1)
          .map((word) => word[0])
          .join('')}`;
    if (candidate.length <= width) return candidate;
    if (numbered && last.length + 1 < width) return `${fit(candidate.slice(0, -last.length - 1), width - last.length - 1)} ${last}`;
  }
  return fit(name, width);
}

export interface RankedSeat {
  readonly rank: number;
  readonly seat: SeatState;
}

/** Best score first; equal scores share a rank (as the students' own view counts it). */
export function leaderboard(seats: readonly SeatState[]): RankedSeat[] {
  const sorted = [...seats].sort((a, b) => b.score - a.score || a.index - b.index);
  return sorted.map((seat) => ({ rank: seats.filter((other) => other.score > seat.score).length + 1, seat }));
}

/**
 * A per-round series stretched over the session's planned rounds: every round gets the same
 * number of columns, so the chart fills from the left as the session goes on instead of
 * squeezing ten rounds into ten columns.
 */
export function stretch(values: readonly number[], rounds: number, width: number): { values: number[]; width: number } {
  const per = Math.max(1, Math.floor(width / Math.max(1, rounds)));
  if (rounds > width) return { values: [...values], width: Math.max(1, Math.min(width, Math.ceil((values.length * width) / Math.max(1, rounds)))) };
  return { values: values.flatMap((value) => Array.from({ length: per }, () => value)), width: values.length * per };
}

/** Seats in no pair of the round (an odd class without bots: one firm sits the round out). */
export function sittingOut(snapshot: ClassSnapshot): SeatState[] {
  if (snapshot.pairs.length === 0) return [];
  const playing = new Set(snapshot.pairs.flat());
  return snapshot.seats.filter((seat) => !playing.has(seat.index));
}

/** The rules as one line: what a fine costs, how likely a cheat is caught, and the crisis. */
export function sanctionsText(rules: { fine: number; detection: number }): string {
  const on = rules.fine > 0 && rules.detection > 0;
  return `sanctions ${on ? 'ON' : 'off'} · fine ${formatNumber(rules.fine)} · detection ${Math.round(rules.detection * 100)}%`;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '-';
  const rounded = Number(value.toFixed(2));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A payoff with its sign, so a loss is not misread as a gain on a projector. */
export function signed(value: number): string {
  const text = formatNumber(value);
  return value > 0 && text !== '0' ? `+${text}` : text;
}
