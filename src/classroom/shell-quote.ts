/**
 * Quoting for the command lines cooplab shows people to copy: an exercise's "run it yourself"
 * line and a report's "reproduce" command. It lives in the classroom, the lower of the two
 * rooms that need it, so the report imports it from here and the classroom never imports the report.
 */

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(argument: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}
