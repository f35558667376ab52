import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cooplab } from '../support/cli.js';
import { startCli as start, stopRunning } from '../support/running.js';
import { type Browser, hasChromium, launchChromium, type Page } from '../support/tools.js';

// Students with nothing installed: three browsers (headless Chromium) open the page the real
// `cooplab class host` serves and play a session with a student at a terminal (`class join --plain`).

afterEach(stopRunning);

/** Waits until the element's text matches: Playwright polls the page, no fixed sleep. */
async function textOf(page: Page, selector: string, pattern: RegExp): Promise<string> {
  const found = page.locator(selector, { hasText: pattern });
  await found.waitFor({ state: 'attached', timeout: 90_000 });
  return (await found.textContent()) ?? '';
}

const formatNumber = (value: number) => String(Number(value.toFixed(2)));

describe.runIf(hasChromium('the web join tests in headless Chromium'))('students join a class session from a browser', () => {
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('three browsers and a terminal play a session to the end; the pages show the scores the host wrote', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cooplab-class-web-')), 'results');
    const host = start([
      'class',
      'host',
      '--headless',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--code',
      'K7QXM',
      '--rounds',
      '2',
      '--start-when',
      '4',
      // Long enough that no student of a test on a busy machine misses a round.
      '--time-limit',
      '60',
      '--pause',
      '0.1',
      '--out',
      out,
    ]);
    const [, url] = await host.waitFor(/or open in a browser: (http:\/\/\S+)#K7QXM/);
    const [, address] = await host.waitFor(/join with: cooplab class join (\S+) --code K7QXM/);
    expect(url).toBe(`http://${address}/`);

    const errors: string[] = [];
    const requests = new Set<string>();
    const names = ['Ana', 'Ben', "Zoë O'Neil"];
    const pages: Page[] = [];
    for (const name of names) {
      // A context each: a browser of its own, as on three phones.
      const page = await browser!.newPage();
      page.on('pageerror', (error) => errors.push(`${name}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${name}: ${message.text()}`);
      });
      page.on('request', (request) => requests.add(new URL(request.url()).origin));
      // The QR code's address carries the room code after a #: the field is filled in.
      await page.goto(`${url}#K7QXM`, { waitUntil: 'load' });
      expect(await page.inputValue('#code')).toBe('K7QXM');
      await page.fill('#name', name);
      await page.click('#join');
      await textOf(page, '#joined-as', new RegExp(`^${name}$`));
      pages.push(page);
    }
    // A name the host would refuse is refused on the page, before anything is sent.
    const stray = await browser!.newPage();
    await stray.goto(url!, { waitUntil: 'load' });
    await stray.fill('#name', '<b>Eve</b>');
    await stray.fill('#code', 'k7qxm');
    await stray.click('#join');
    expect(await textOf(stray, '#error', /Your name: expected 1 to 24 letters/)).toContain('starting with a letter or digit');
    expect(await stray.locator('#error b').count()).toBe(0);
    await stray.close();

    const dan = start(['class', 'join', address!, '--code', 'K7QXM', '--name', 'Dan', '--plain']);
    await host.waitFor(/log: Dan joined/);
    // Browsers: Ana always co-operates, Ben defects, Zoë co-operates then defects; Dan co-operates.
    const plan: Record<string, readonly ('C' | 'D')[]> = { Ana: ['C', 'C'], Ben: ['D', 'D'], "Zoë O'Neil": ['C', 'D'] };
    for (const round of [1, 2]) {
      for (const [index, page] of pages.entries()) {
        await textOf(page, '#phase', new RegExp(`^Round ${round} of 2: choose C or D`));
        if (round === 2 && index === 1) {
          // Ben's phone reloads the page mid-session: it joins again by itself and keeps his firm.
          await page.reload({ waitUntil: 'load' });
          await textOf(page, '#joined-as', /^Ben$/);
          await textOf(page, '#phase', /^Round 2 of 2: choose C or D/);
          await host.waitFor(/log: Ben rejoined/);
        }
        // The stakes of the round are on the page, with the partner's name.
        expect(await textOf(page, '#partners', /Your partner in round/)).toMatch(/technology-exchange \(risky\): both C \+3 each/);
        if (round === 1 && index === 0) {
          // The teacher switches sanctions on while round 1 is open: it holds from round 2, and the pages say so.
          host.child.stdin.write('sanctions\n');
          await textOf(page, '#pending', /from round 2: sanctions on/);
          await textOf(page, '#announcements', /NEW · from round 2: sanctions on/);
        }
        await page.click(`#choose-${plan[names[index]!]![round - 1]!}`);
        await textOf(page, '#chosen', new RegExp(`^You chose ${plan[names[index]!]![round - 1]!} in round ${round}`));
      }
      await dan.waitFor(new RegExp(`round ${round} of 2: you play`));
      dan.child.stdin.write('C\n');
      if (round === 1) for (const page of pages) await textOf(page, '#result', /Round 1 result/);
    }
    expect(await host.exited, host.output()).toBe(0);
    expect(await dan.exited, dan.output()).toBe(0);

    const document = JSON.parse(readFileSync(join(out, 'class.json'), 'utf8')) as {
      rounds_played: number;
      students: { name: string; score: number; rank: number }[];
      moves: { round: number; student: string; move: string; answered: boolean }[];
    };
    expect(document.rounds_played).toBe(2);
    // Every browser's click is a recorded move, answered in time.
    for (const name of names)
      expect(document.moves.filter((move) => move.student === name).map((move) => [move.round, move.move, move.answered])).toEqual(
        plan[name]!.map((move, index) => [index + 1, move, true]),
      );
    for (const [index, page] of pages.entries()) {
      const student = document.students.find((entry) => entry.name === names[index])!;
      const ended = await textOf(page, '#ended', /The session is over/);
      expect(ended).toContain(`your score is ${formatNumber(student.score)},`);
      expect(await page.textContent('#score')).toMatch(new RegExp(`^Score ${formatNumber(student.score).replace('.', '\\.')} · rank \\d+ of 4 firms$`));
    }
    const danScore = document.students.find((entry) => entry.name === 'Dan')!.score;
    expect(dan.output()).toContain(`the session is over: score ${formatNumber(danScore)}`);
    // Nothing fetched from anywhere but the host, and no error in any page.
    expect([...requests]).toEqual([new URL(url!).origin]);
    expect(errors).toEqual([]);
  }, 180_000);

  it('gives the address of --public-url, and refuses one that is not http(s) with one line and exit 2', async () => {
    const bad = cooplab(['class', 'host', '--headless', '--port', '0', '--public-url', 'ftp://203.0.113.5/']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--public-url.*ftp:\/\/203\.0\.113\.5\/.*expected an http:\/\/ or https:\/\/ address/);
    const out = join(mkdtempSync(join(tmpdir(), 'cooplab-class-web-')), 'results');
    const host = start([
      'class',
      'host',
      '--headless',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--code',
      'K7QXM',
      '--out',
      out,
      '--public-url',
      'http://203.0.113.5:8080/class#x',
    ]);
    await host.waitFor(/or open in a browser: http:\/\/203\.0\.113\.5:8080\/class#K7QXM /);
    host.child.stdin.write('end\n');
    expect(await host.exited).toBe(0);
  });
});
