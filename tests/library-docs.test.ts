import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every name the package root exports is what a researcher's editor shows on hover: each needs
// its TSDoc, read here as the TypeScript language service reads it.
const INDEX = fileURLToPath(new URL('../src/index.ts', import.meta.url));

function exportsOfIndex(): { name: string; documented: boolean }[] {
  const program = ts.createProgram([INDEX], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const index = checker.getSymbolAtLocation(program.getSourceFile(INDEX)!)!;
  return checker.getExportsOfModule(index).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    return { name: exported.name, documented: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== '' };
  });
}

describe('the library API (src/index.ts)', () => {
  it('documents every export with TSDoc', () => {
    const exported = exportsOfIndex();
    expect(exported.map(({ name }) => name)).toEqual(expect.arrayContaining(['ClusterModel', 'runScenario', 'deriveStream', 'InputError', 'moranGame']));
    expect(exported.filter(({ documented }) => !documented).map(({ name }) => name)).toEqual([]);
  }, 60_000);
});
