import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/** ARCHITECTURE.md's folders with the layer it gives each (a number, or – for no layer). */
function architectureLayers(): Map<string, string> {
  const text = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
  const rows = [...text.matchAll(/^\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|/gm)];
  return new Map(rows.map(([, folder, layer]) => [folder!.replace(/\/$/, ''), layer!]));
}

interface Rule {
  readonly name: string;
  readonly from: { readonly path?: string };
  readonly to: { readonly path?: string };
}

describe('the layering check', () => {
  // dependency-cruiser checks only the folders its layers name: a folder missing from them (or in
  // the wrong one) could import anything. Each folder ARCHITECTURE.md puts in layer N must be in
  // the rule for layer N, and in the rules of the layers below as a higher layer.
  const rules = (createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: Rule[] }).forbidden;
  const upward = new Map(
    rules.flatMap((rule) => {
      const layer = /^no-upward-import-from-layer-(\d+)$/.exec(rule.name)?.[1];
      return layer === undefined ? [] : [[Number(layer), rule] as const];
    }),
  );
  const cruised = [...architectureLayers()].filter(([folder]) => folder.startsWith('src/') || folder === 'strategies');

  it('reads the layers of ARCHITECTURE.md and the rules of .dependency-cruiser.cjs', () => {
    expect(cruised.length).toBeGreaterThan(10);
    expect(upward.size).toBeGreaterThan(4);
  });

  it('puts every folder of src/ and strategies/ in the layer ARCHITECTURE.md gives it', () => {
    const misplaced = cruised.flatMap(([folder, layer]) => {
      if (layer === '–') return [];
      const file = `${folder}/module.ts`;
      const own = Number(layer);
      const wrong = [...upward].filter(([index, rule]) => {
        const from = new RegExp(rule.from.path!).test(file);
        const to = new RegExp(rule.to.path!).test(file);
        return index === own ? !from || to : index < own ? from || !to : from;
      });
      return wrong.length === 0 && Number.isInteger(own) ? [] : [`${folder} (layer ${layer})`];
    });
    expect(misplaced).toEqual([]);
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
