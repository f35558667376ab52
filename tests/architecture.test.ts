import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { E2E_TESTS } from './support/projects.js';

// README's layout table and ARCHITECTURE.md's folder table show the tree at a glance: they
// must name every folder of src/, and every folder they name must exist.
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function foldersUnder(directory: string): string[] {
  return readdirSync(join(ROOT, directory), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const path = `${directory}/${entry.name}`;
      return [path, ...foldersUnder(path)];
    });
}

/** The first column of the first table after `heading`: the backquoted folder names. */
function tableFolders(file: string, heading: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`${file} has no '${heading}' section`);
  const lines = text.slice(start + heading.length + 2).split('\n');
  const table = lines.slice(lines.findIndex((line) => line.startsWith('|')));
  const rows = table
    .slice(
      0,
      table.findIndex((line) => !line.startsWith('|')),
    )
    .slice(2);
  return rows.map((row) => {
    const cell = /^\|\s*`([^`]+)`\s*\|/.exec(row);
    if (cell === null) throw new Error(`${file}: a row of the '${heading}' table does not start with a folder: ${row}`);
    return cell[1]!.replace(/\/$/, '');
  });
}

const tables = {
  'README.md': tableFolders('README.md', '## Layout'),
  'ARCHITECTURE.md': tableFolders('ARCHITECTURE.md', '## Folders'),
};

describe('the layout tables', () => {
  const folders = foldersUnder('src');

  it('find the folders of src/', () => {
    expect(folders).toContain('src/core');
  });

  for (const [file, named] of Object.entries(tables)) {
    it(`${file} names every folder of src/`, () => {
      expect(folders.filter((folder) => !named.includes(folder))).toEqual([]);
    });

    it(`every folder ${file} names exists`, () => {
      const missing = named.filter((folder) => !existsSync(join(ROOT, folder)) || !statSync(join(ROOT, folder)).isDirectory());
      expect(missing).toEqual([]);
    });
  }

  it('README and ARCHITECTURE.md name the same folders', () => {
    expect([...tables['README.md']].sort()).toEqual([...tables['ARCHITECTURE.md']].sort());
  });
});

describe('the test projects', () => {
  // A test that runs the built CLI outside the e2e project would run whatever dist/ holds.
  it('put every test that runs the built CLI in the e2e project, which builds first', () => {
    const files = foldersUnder('tests')
      .concat('tests')
      .flatMap((folder) => readdirSync(join(ROOT, folder)).map((name) => `${folder}/${name}`))
      .filter((file) => /\.test\.tsx?$/.test(file));
    const runsTheCli = files.filter((file) => /support\/(cli|tmux)\.js'|\/dist\//.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(runsTheCli.length).toBeGreaterThan(5);
    expect(runsTheCli.filter((file) => !E2E_TESTS.some((glob) => matchesGlob(file, glob)))).toEqual([]);
  });
});
