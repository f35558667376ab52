import type { IncomingMessage, ServerResponse } from 'node:http';
import { studentPage } from './web/page.js';

/**
 * The host's one plain HTTP route: GET / (or HEAD /) answers with the student's web page;
 * every other method or path is 404. The WebSocket upgrade on the same port never reaches it.
 * A query or a fragment does not change the page (the room code rides in the fragment, which
 * browsers do not send).
 */
export function servePage(request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '').split('?')[0];
  const method = request.method ?? '';
  if ((method !== 'GET' && method !== 'HEAD') || path !== '/') {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': 10, 'X-Content-Type-Options': 'nosniff' });
    response.end(method === 'HEAD' ? undefined : 'not found\n');
    return;
  }
  const page = studentPage();
  const body = Buffer.from(page.html);
  response.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': body.length,
    'Content-Security-Policy': page.contentSecurityPolicy,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  });
  response.end(method === 'HEAD' ? undefined : body);
}
