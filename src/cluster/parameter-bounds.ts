import { z } from 'zod';

/**
 * The bounds every cluster parameter schema shares (parameters.ts, organiser-parameters.ts,
 * market-parameters.ts), each with the message that names what was expected.
 */

/**
 * The largest payoff, cost, fine or bonus a parameter may hold. Far beyond any meaningful stake,
 * and small enough that a run's sums (a firm's wealth over a million generations of eight
 * neighbours) stay finite: results are never Infinity or NaN.
 */
export const PAYOFF_LIMIT = 1_000_000;

export const probability = z
  .number({ error: 'expected a number from 0 to 1' })
  .min(0, { error: 'expected a number from 0 to 1' })
  .max(1, { error: 'expected a number from 0 to 1' });

/** A cost, fine, budget or stake: from 0 to PAYOFF_LIMIT. */
export const amount = z
  .number({ error: `expected a number from 0 to ${PAYOFF_LIMIT}` })
  .min(0, { error: `expected a number from 0 to ${PAYOFF_LIMIT}` })
  .max(PAYOFF_LIMIT, { error: `expected a number from 0 to ${PAYOFF_LIMIT}` });

/** A payoff, which may be negative: from −PAYOFF_LIMIT to PAYOFF_LIMIT. */
export const signed = z
  .number({ error: `expected a number from -${PAYOFF_LIMIT} to ${PAYOFF_LIMIT}` })
  .min(-PAYOFF_LIMIT, { error: `expected a number from -${PAYOFF_LIMIT} to ${PAYOFF_LIMIT}` })
  .max(PAYOFF_LIMIT, { error: `expected a number from -${PAYOFF_LIMIT} to ${PAYOFF_LIMIT}` });

/** A whole number in [minimum, maximum]. */
export const whole = (minimum: number, maximum = 1_000_000_000) =>
  z
    .number({ error: `expected a whole number from ${minimum} to ${maximum}` })
    .int({ error: `expected a whole number from ${minimum} to ${maximum}` })
    .min(minimum, { error: `expected a whole number from ${minimum} to ${maximum}` })
    .max(maximum, { error: `expected a whole number from ${minimum} to ${maximum}` });
