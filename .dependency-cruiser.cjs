/**
 * The layering of ARCHITECTURE.md, checked by `npm run lint`:
 *   core ← authoring ← strategies/ ← cluster, population ← classroom, modules, formats, theme ← report, ui ← cli
 * A module imports only from its own layer or below; no cycles; no I/O and no UI in the
 * simulation core; nothing outside tests/ imports tests/.
 */
const LAYERS = [
  ['^src/core/'],
  ['^src/authoring/'],
  ['^strategies/'],
  ['^src/cluster/', '^src/population/'],
  ['^src/classroom/', '^src/modules/', '^src/formats/', '^src/theme/', '^src/version\\.ts$'],
  ['^src/report/', '^src/ui/'],
  ['^src/cli/', '^src/index\\.ts$'],
];

const either = (patterns) => (patterns.length === 1 ? patterns[0] : `(${patterns.join('|')})`);

/** One rule per layer: nothing in it imports a layer above. */
const upward = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `no-upward-import-from-layer-${index + 1}`,
  comment: `${layer.join(', ')} (layer ${index + 1}) must not import a higher layer: see ARCHITECTURE.md`,
  severity: 'error',
  from: { path: either(layer) },
  to: { path: either(LAYERS.slice(index + 1).flat()) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-circular',
      comment:
        'Imports never go round in a circle, within a layer or across layers. A cycle closed only by `import type` is allowed: types vanish at run time, and a module may name the state type that the functions acting on it are typed against.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-io-or-ui-in-the-simulation',
      comment: 'The simulation (src/core, src/cluster, src/population) takes parameters and returns data: no files, no network, no terminal UI.',
      severity: 'error',
      from: { path: '^src/(core|cluster|population)/' },
      to: { path: '^(node:)?(fs|fs/promises|net|http|https|child_process)$|^src/version\\.ts$|(^|/)node_modules/(ink|react|ink-[^/]+)/' },
    },
    {
      name: 'no-ui-report-crossing',
      comment: 'The terminal UI and the reports share what they need through src/theme and src/formats, never by importing each other.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/ui/' },
    },
    {
      name: 'no-report-ui-crossing',
      comment: 'The terminal UI and the reports share what they need through src/theme and src/formats, never by importing each other.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/report/' },
    },
    {
      name: 'ui-shared-stays-shared',
      comment: 'src/ui/shared serves every view and imports none of them.',
      severity: 'error',
      from: { path: '^src/ui/shared/' },
      to: { path: '^src/ui/(?!shared/)' },
    },
    {
      name: 'no-tests-outside-tests',
      comment: 'Only tests import tests/ (helpers, fixtures).',
      severity: 'error',
      from: { pathNot: '^tests/' },
      to: { path: '^tests/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a typo, or a dependency missing from package.json).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
