import type { Command } from 'commander';
import { emit } from '../formats/output.js';

export function addScenariosCommand(program: Command): void {
  const command = program
    .command('scenarios')
    .description('list the preset scenarios')
    .action(async () => {
      const { loadScenario, presetNames } = await import('../formats/scenario-file.js');
      const scenarios = presetNames().map((name) => loadScenario(name));
      const width = Math.max(...scenarios.map((scenario) => scenario.name.length));
      const lines = scenarios.map((scenario) => `${scenario.name.padEnd(width)}  ${scenario.title}`);
      emit(`${lines.join('\n')}\n\n'cooplab scenarios show NAME' prints one as JSON, ready to copy and edit.\n`, undefined);
    });
  command
    .command('show <name>')
    .description('print a preset (or a scenario file) as JSON')
    .action(async (name: string) => {
      const { loadScenario, scenarioJson } = await import('../formats/scenario-file.js');
      emit(scenarioJson(loadScenario(name)), undefined);
    });
}
