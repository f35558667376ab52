import { z } from 'zod';
import { printable } from '../core/printable.js';
import type { StudentView } from './session.js';

/**
 * The class session's messages: JSON over a WebSocket. Everything a client sends is checked
 * against these schemas and anything else is dropped, so a student's program can do no more
 * than join and choose C or D. A move names no student: the host takes the sender from the
 * connection that joined, which is what makes acting for another student impossible.
 */

/** No client message needs more; the server closes a connection that sends a larger one. */
export const MAX_CLIENT_MESSAGE_BYTES = 512;
/** Host messages carry a student's whole view; a client refuses anything larger. */
export const MAX_HOST_MESSAGE_BYTES = 256 * 1024;

export const joinMessage = z.strictObject({
  type: z.literal('join'),
  code: z.string().max(16),
  name: z.string().max(64),
  /** The secret given at the first join: it lets a reconnecting client take its firm back at once. */
  token: z.string().max(64).optional(),
});

export const moveMessage = z.strictObject({
  type: z.literal('move'),
  round: z.number().int().min(1).max(1_000_000),
  move: z.enum(['C', 'D']),
});

export const clientMessage = z.discriminatedUnion('type', [joinMessage, moveMessage]);
export type ClientMessage = z.infer<typeof clientMessage>;

/** A student's view as sent: the deadline becomes the time left, so clocks need not agree. */
export type SentView = Omit<StudentView, 'deadline'> & { readonly remainingMs: number | undefined };

export type HostMessage =
  | { readonly type: 'welcome'; readonly seat: number; readonly name: string; readonly token: string; readonly rejoined: boolean }
  | { readonly type: 'refused'; readonly reason: string }
  | { readonly type: 'notice'; readonly text: string }
  | { readonly type: 'view'; readonly view: SentView };

const hostEnvelope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), seat: z.number(), name: z.string(), token: z.string(), rejoined: z.boolean() }),
  z.object({ type: z.literal('refused'), reason: z.string() }),
  z.object({ type: z.literal('notice'), text: z.string() }),
  z.object({
    type: z.literal('view'),
    view: z.looseObject({
      name: z.string(),
      phase: z.enum(['lobby', 'open', 'closed', 'ended']),
      round: z.number(),
      rounds: z.number(),
      partners: z.array(z.looseObject({ name: z.string() })),
      score: z.number(),
    }),
  }),
]);

/** Parses a message from the host; undefined for anything a cooplab host would not send. */
export function parseHostMessage(text: string): HostMessage | undefined {
  if (text.length > MAX_HOST_MESSAGE_BYTES) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = hostEnvelope.safeParse(data);
  return result.success ? (data as HostMessage) : undefined;
}

export type ParsedClientMessage = { readonly ok: true; readonly message: ClientMessage } | { readonly ok: false; readonly reason: string };

/** Parses a message from a client; the reason says what was wrong, for the host's log (escaped: it may quote the client). */
export function parseClientMessage(text: string): ParsedClientMessage {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'malformed: not JSON' };
  }
  const result = clientMessage.safeParse(data);
  if (result.success) return { ok: true, message: result.data };
  const type = data !== null && typeof data === 'object' && 'type' in data ? printable(String((data as { type: unknown }).type), 20) : undefined;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  // The path and the message may name a key the client sent: the whole reason is escaped.
  return { ok: false, reason: printable(type === undefined ? 'unknown message: no type' : `invalid '${type}' message${where}: ${issue.message}`) };
}

/** Letters and digits that cannot be mistaken for each other on a projector. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 5;

/** A room code from random bytes (never from the session's seed, which the teacher may publish). */
export function roomCode(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, CODE_LENGTH), (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]!).join('');
}

/** A room code as the host checks it (after upper-casing): the student's web page checks it with the same pattern. */
export const ROOM_CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

export function isRoomCode(text: string): boolean {
  return ROOM_CODE_PATTERN.test(text);
}
