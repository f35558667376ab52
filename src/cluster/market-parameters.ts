import { z } from 'zod';
import { amount, probability, signed, whole } from './parameter-bounds.js';

/**
 * The market layer's parameters (docs/model.md, "The market"): products of a quality level sold
 * on a demand curve per quality tier, entry into empty sites by spin-offs and imitators, exit and
 * absorption, innovation and lagged imitation of quality, and heterogeneous firms (Sonobe & Otsuka's
 * phases). Its own file so that the cluster's parameters gain one optional field, `market`, and
 * nothing else: a scenario without it validates, prints and runs exactly as before.
 */

/** The most quality tiers: quality is one byte per firm. */
export const MAX_TIERS = 32;

export const marketSchema = z.strictObject({
  enabled: z.boolean({ error: 'expected true or false' }).default(false),
  /** Quality levels 0 .. tiers − 1; each is a tier of the market with its own demand curve. */
  tiers: whole(1, MAX_TIERS).default(5),
  /** Share of the sites held by firms at the start (the pioneers, at quality 0); the rest are empty. */
  initialFirms: probability.default(0.05),
  /** v₀: what a unit of quality 0 fetches when its tier is nearly empty. */
  value: amount.default(1),
  /** Each quality level adds this share of v₀ to what a unit fetches: v_q = v₀(1 + premium·q). */
  premium: amount.default(0.6),
  /** Output per site of the lattice at which a tier's price has halved: D = demand × sites. */
  demand: amount.default(0.15),
  /** Each quality level narrows its tier's market by this share, D_q = D(1 − narrowing)^q: low incomes buy mostly the basic product. */
  narrowing: probability.default(0.4),
  /** Share of the output of better tiers that also competes in a tier: buyers of a cheap product switch to a better one as it becomes plentiful. */
  substitution: probability.default(0),
  /** c₀: the cost of a unit of quality 0. */
  unitCost: amount.default(0.3),
  /** Each quality level adds this share of c₀ to a unit's cost: c_q = c₀(1 + costStep·q). */
  costStep: amount.default(0.2),
  /** What a firm pays per generation whatever it sells (rent, its few machines). */
  fixedCost: amount.default(0.05),
  /** Entry into an empty site next to firms: probability `rate` × the share of its neighbouring firms whose profit exceeds `threshold`. */
  entry: z
    .strictObject({
      rate: probability.default(0.3),
      threshold: signed.default(0.1),
      /** Share of entrants that are spin-offs of a neighbouring firm (know-how: its quality; trade secrets: its parent's wariness); the rest are imitators at quality 0. */
      spinoffs: probability.default(0.5),
    })
    .default({ rate: 0.3, threshold: 0.1, spinoffs: 0.5 }),
  /** A firm whose wealth falls below this exits and its site stands empty. */
  exitWealth: signed.default(-1),
  /** Share of an exiting firm's size taken over by its largest neighbour of higher quality (absorption); 0: none. */
  absorption: probability.default(0.5),
  /** A firm that made a market profit grows its size by this share per generation (Sonobe & Otsuka: "The size of successful enterprises grows"). */
  growth: probability.default(0.05),
  /** The largest size a firm may reach by growing or absorbing others. */
  maxSize: amount.default(8),
  /** Firm size (output per generation): lognormal with this median and log-scale spread (Gibrat's law). */
  size: z.strictObject({ median: amount.default(1), sigma: z.number().min(0).max(3).default(0.5) }).default({ median: 1, sigma: 0.5 }),
  /** Managers' education in [0, 1]: uniform between min and max (Sonobe & Otsuka's "low" to "very high"). */
  education: z.strictObject({ min: probability.default(0), max: probability.default(0.5) }).default({ min: 0, max: 0.5 }),
  /** Management training programmes: each generation this share of managers is trained, and education moves `boost` of the way to 1. */
  training: z.strictObject({ rate: probability.default(0), boost: probability.default(0.3) }).default({ rate: 0, boost: 0.3 }),
  /** Investing to raise quality one level. */
  innovation: z
    .strictObject({
      /** What an attempt costs a firm of education 0 (from its wealth); education cuts it by up to `costCut`. */
      cost: amount.default(1),
      costCut: probability.default(0.5),
      /** A firm tries when its tier's price margin falls below this share of the tier's value (competition turns to quality). */
      trigger: probability.default(0.5),
      /** Chance of success: base + education·education + exchange·(share of its partners it trusts enough for technology exchange). */
      base: probability.default(0),
      education: probability.default(0.2),
      /** Managers with less education than this gain nothing from it: "successful entrepreneurs at this stage are highly educated almost without exception". */
      minEducation: probability.default(0),
      exchange: probability.default(0.3),
      /** The risky activity whose trust threshold a pair must meet to exchange technology; null: the highest enabled risky rung. */
      activity: z.string().nullable().default(null),
    })
    .default({ cost: 1, costCut: 0.5, trigger: 0.5, base: 0, education: 0.2, minEducation: 0, exchange: 0.3, activity: null }),
  /** Imitators copy a neighbour's higher quality after `lag` generations of seeing it, with probability `rate` per generation. */
  imitation: z.strictObject({ lag: whole(0, 1000).default(5), rate: probability.default(0.2) }).default({ lag: 5, rate: 0.2 }),
  /** Reputation and brand names (market-brand.ts): a firm that has sold above the basic quality for `build` generations sells each unit for `premium` more than its tier's price; off at premium 0. */
  brand: z.strictObject({ premium: amount.default(0), build: whole(0, 1000).default(10) }).default({ premium: 0, build: 10 }),
});

export type MarketParameters = z.infer<typeof marketSchema>;

/** The market layer at its defaults (off): what `--set market.<field>` starts from when a scenario has none. */
export const DEFAULT_MARKET: MarketParameters = marketSchema.parse({});

/** Whether the market layer runs. */
export function marketOn(parameters: { readonly market?: MarketParameters | undefined }): boolean {
  return parameters.market?.enabled === true;
}

/** The market's fields that shape the starting population: fixed once a run starts. */
export const MARKET_STRUCTURAL_PATHS = ['market', 'market.enabled', 'market.tiers', 'market.initialFirms', 'market.size', 'market.education'] as const;
