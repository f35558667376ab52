import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClassClient } from '../../src/classroom/client.js';
import { ClassHost } from '../../src/classroom/host.js';
import { ROOM_CODE_PATTERN } from '../../src/classroom/protocol.js';
import { NAME_EXPECTED, NAME_PATTERN } from '../../src/classroom/session.js';
import { studentPage } from '../../src/classroom/web/page.js';
import { PAGE_SCRIPT } from '../../src/classroom/web/page-script.js';
import { PAGE_STYLE } from '../../src/classroom/web/page-style.js';
import { CODE, classSettings } from '../support/class.js';

// The host's HTTP route on the port of the session: the student's web page at GET /, 404 for the rest.

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function ask(port: number, method: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, method, path, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    sent.on('error', reject);
    sent.end(method === 'POST' ? '{"type":"join"}' : undefined);
  });
}

let host: ClassHost | undefined;
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.warn('openssl is missing: the test of the page over https is skipped (it makes a self-signed certificate with openssl)');

afterEach(async () => {
  await host?.close();
  host = undefined;
});

const start = async (publicUrl?: string) =>
  (host = await ClassHost.start({ settings: classSettings(), port: 0, host: '127.0.0.1', code: CODE, pause: 0, publicUrl }));

describe('the student web page route', () => {
  it('serves the page at GET / with a policy that lets only its own script and style run', async () => {
    const { port } = await start();
    for (const path of ['/', '/?from=qr']) {
      const answer = await ask(port, 'GET', path);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.body).toBe(studentPage().html);
      expect(answer.body).toContain('<form id="join-form"');
      expect(answer.body).toContain('<button id="choose-C"');
      const policy = String(answer.headers['content-security-policy']);
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("connect-src 'self'");
      expect(policy).toContain(`'sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}'`);
      expect(policy).toContain(`'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['cache-control']).toBe('no-store');
    }
    const head = await ask(port, 'HEAD', '/');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers 404 to any other path or method', async () => {
    const { port } = await start();
    for (const [method, path] of [
      ['GET', '/index.html'],
      ['GET', '/../etc/passwd'],
      ['GET', '//'],
      ['POST', '/'],
      ['PUT', '/'],
      ['DELETE', '/'],
      ['OPTIONS', '/'],
    ] as const) {
      const answer = await ask(port, method, path);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body).toBe('not found\n');
      expect(answer.headers['content-security-policy']).toBeUndefined();
    }
  });

  it('keeps the WebSocket session on the same port: a terminal client joins as before', async () => {
    const started = await start();
    const client = new ClassClient({ address: `127.0.0.1:${started.port}`, code: CODE, name: 'Ana' });
    try {
      expect(await client.connect()).toBe(0);
      expect((await ask(started.port, 'GET', '/')).status).toBe(200);
      expect(started.session.studentCount).toBe(1);
    } finally {
      client.close();
    }
  });

  it('hands the page the host’s own name and room-code checks, and its script is valid JavaScript', () => {
    const { html } = studentPage();
    const block = /<script type="application\/json" id="limits">(.*?)<\/script>/s.exec(html);
    const limits = JSON.parse(block![1]!) as { namePattern: string; nameExpected: string; codePattern: string; codeLength: number };
    expect(new RegExp(limits.namePattern, 'u').source).toBe(NAME_PATTERN.source);
    expect(limits.nameExpected).toBe(NAME_EXPECTED);
    expect(limits.codePattern).toBe(ROOM_CODE_PATTERN.source);
    expect(html).toContain(`maxlength="${limits.codeLength}"`);
    // Parsed, not run: a syntax error (a stray backtick in the template) fails here.
    expect(() => new Function(PAGE_SCRIPT)).not.toThrow();
    // Data reaches the page as text only, and nothing is fetched from elsewhere.
    expect(PAGE_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).not.toContain('{{');
  });

  it('gives the address students open: http://<address>/, or the public address the teacher gave', async () => {
    const local = await start();
    expect(local.pageUrls()).toEqual([`http://127.0.0.1:${local.port}/`]);
    await local.close();
    host = undefined;
    const behindNat = await start('http://203.0.113.5:8080/');
    expect(behindNat.pageUrls()).toEqual(['http://203.0.113.5:8080/']);
  });

  it.runIf(hasOpenssl)('serves the page over https with --tls-cert, and gives https:// addresses', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cooplab-web-tls-'));
    const [cert, key] = [join(directory, 'cert.pem'), join(directory, 'key.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', key, '-out', cert], {
      stdio: 'ignore',
    });
    const tls = { cert: readFileSync(cert), key: readFileSync(key) };
    const secure = (host = await ClassHost.start({ settings: classSettings(), port: 0, host: '127.0.0.1', code: CODE, pause: 0, tls }));
    expect(secure.pageUrls()).toEqual([`https://127.0.0.1:${secure.port}/`]);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      httpsGet({ host: '127.0.0.1', port: secure.port, path: '/', ca: tls.cert, servername: 'localhost', agent: false }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      }).on('error', reject);
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(studentPage().html);
  });
});
