/** Bad input from a user: the CLI prints its message as one line and exits with code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A strategy that broke the rules: contained, reported, never a crash. */
export class StrategyFault extends Error {
  override readonly name = 'StrategyFault';
  constructor(
    readonly strategyId: string,
    readonly reason: string,
  ) {
    super(`strategy '${strategyId}' ${reason}`);
  }
}
