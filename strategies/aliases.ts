/**
 * Short names researchers type for well-known strategies: the abbreviations of the literature and
 * of Axelrod-Python (TFT, TF2T, ALLD, WSLS, GTFT, …). They are accepted wherever a strategy id is
 * read; every output names the strategy by its full id.
 */
export const STRATEGY_ALIASES: Readonly<Record<string, string>> = {
  tft: 'tit-for-tat',
  tf2t: 'tit-for-two-tats',
  '2tft': 'two-tits-for-tat',
  ttft: 'two-tits-for-tat',
  stft: 'suspicious-tit-for-tat',
  gtft: 'generous-tit-for-tat',
  htft: 'hard-tit-for-tat',
  ftft: 'forgiving-tit-for-tat',
  alld: 'defector',
  allc: 'cooperator',
  wsls: 'win-stay-lose-shift',
  pavlov: 'win-stay-lose-shift',
  grim: 'grudger',
  'grim-trigger': 'grudger',
  extort2: 'zd-extort-2',
};

/** The full id an alias stands for (case-insensitive), or undefined. */
export function aliasTarget(id: string): string | undefined {
  const key = id.toLowerCase();
  return Object.hasOwn(STRATEGY_ALIASES, key) ? STRATEGY_ALIASES[key] : undefined;
}
