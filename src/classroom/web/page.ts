import { createHash } from 'node:crypto';
import { CODE_LENGTH, MAX_HOST_MESSAGE_BYTES, ROOM_CODE_PATTERN } from '../protocol.js';
import { NAME_EXPECTED, NAME_PATTERN } from '../session.js';
import { PAGE_MARKUP } from './page-markup.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

/**
 * The page a student opens in a browser instead of installing cooplab: one self-contained
 * document (markup, style and script inline; nothing fetched, the classroom may be offline)
 * and the Content-Security-Policy it is served with. The policy lets only this page's own
 * script and style run and lets the page connect only back to the host it came from.
 */
export interface StudentPage {
  readonly html: string;
  readonly contentSecurityPolicy: string;
}

/** The host's own checks, handed to the page so it refuses a bad name or code before sending it. */
function limits(): string {
  const json = JSON.stringify({
    namePattern: NAME_PATTERN.source,
    nameExpected: NAME_EXPECTED,
    codePattern: ROOM_CODE_PATTERN.source,
    codeLength: CODE_LENGTH,
    maxHostMessage: MAX_HOST_MESSAGE_BYTES,
  });
  // Inside a <script> element "</" could end it early.
  return json.replaceAll('<', '\\u003c');
}

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

let built: StudentPage | undefined;

export function studentPage(): StudentPage {
  if (built !== undefined) return built;
  // A replacement function: the script's text is taken as it is ($ patterns are not expanded).
  const html = PAGE_MARKUP.replace('{{style}}', () => PAGE_STYLE)
    .replace('{{codeLength}}', String(CODE_LENGTH))
    .replace('{{limits}}', () => limits())
    .replace('{{script}}', () => PAGE_SCRIPT);
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src ${hash(PAGE_SCRIPT)}`,
    `style-src ${hash(PAGE_STYLE)}`,
    "connect-src 'self'",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  built = { html, contentSecurityPolicy };
  return built;
}
