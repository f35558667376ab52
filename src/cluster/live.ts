import type { Strategy } from '../core/strategy.js';
import { crisisActive } from './round-rules.js';
import { liveOrganisers, organiserChange, type LiveOrganiser, type OrganiserCommand } from './organiser-commands.js';
import { ClusterModel, type GenerationRecord, type LoggedEvent } from './model.js';
import type { ClusterParameters } from './parameters.js';
import type { Scenario, YearScale } from './scenario.js';

/** What a facilitator can do while the cluster runs (the live UI maps keys to these). */
export type LiveCommand =
  | { readonly type: 'toggle-pause' }
  | { readonly type: 'step' }
  | { readonly type: 'speed'; readonly delta: 1 | -1 }
  | { readonly type: 'toggle-activity'; readonly index: number }
  | { readonly type: 'fine'; readonly delta: 1 | -1 }
  | { readonly type: 'detection'; readonly delta: 1 | -1 }
  | { readonly type: 'crisis' }
  | { readonly type: 'reset' }
  | { readonly type: 'reseed' }
  | OrganiserCommand;

/** The commands that change a parameter of the model; the class session shares them. */
export type ParameterCommand = Extract<LiveCommand, { readonly type: 'toggle-activity' | 'fine' | 'detection' | 'crisis' }>;

/** What a parameter command changes (no path: nothing changes, and the label says why). */
export interface ParameterChange {
  readonly path?: string;
  readonly value?: unknown;
  readonly label: string;
}

/** The change a command makes to the parameters in force, with the line the event log shows; undefined for a programme that does not exist. */
export function parameterChange(parameters: ClusterParameters, command: ParameterCommand): ParameterChange | undefined {
  switch (command.type) {
    case 'toggle-activity': {
      const activity = parameters.activities[command.index];
      if (activity === undefined) return undefined;
      const enabled = !activity.enabled;
      if (!enabled && parameters.activities.filter((candidate) => candidate.enabled).length === 1) {
        return { label: `${activity.name} is the only activity left: it stays on` };
      }
      return { path: `activities.${activity.name}.enabled`, value: enabled, label: `${activity.name} programme switched ${enabled ? 'on' : 'off'}` };
    }
    case 'fine': {
      const fine = Math.max(0, parameters.sanctions.fine + command.delta);
      return { path: 'sanctions.fine', value: fine, label: `fine ${command.delta > 0 ? 'raised' : 'lowered'} to ${fine}` };
    }
    case 'detection': {
      const detection = Math.round(Math.max(0, Math.min(1, parameters.sanctions.detection + command.delta * 0.1)) * 10) / 10;
      return {
        path: 'sanctions.detection',
        value: detection,
        label: `detection ${command.delta > 0 ? 'raised' : 'lowered'} to ${Math.round(detection * 100)}%`,
      };
    }
    case 'crisis': {
      const active = !parameters.crisis.active;
      return { path: 'crisis.active', value: active, label: active ? `crisis starts: temptation × ${parameters.crisis.temptationFactor}` : 'crisis ends' };
    }
  }
}

/** Generations per second; Infinity runs as fast as the machine allows. */
export const SPEEDS: readonly number[] = [0.5, 1, 2, 5, 10, 20, 50, Infinity];
const DEFAULT_SPEED = 3;

/** Everything the live view shows, emitted by the core; the UI only renders it. */
export interface LiveSnapshot {
  /** `generations`: the scenario's length; the run pauses once its last generation is played. */
  readonly scenario: { readonly name: string; readonly title: string; readonly generations: number; readonly years?: YearScale | undefined };
  readonly seed: number;
  /** The last generation played (-1 before the first). */
  readonly generation: number;
  /** The scenario's last generation has been played (the run may go on past it). */
  readonly ended: boolean;
  readonly running: boolean;
  readonly speed: number;
  readonly width: number;
  readonly height: number;
  readonly strategies: readonly string[];
  readonly activities: readonly { readonly name: string; readonly lowRisk: boolean; readonly enabled: boolean }[];
  /** Per firm, row by row. */
  readonly strategyOf: Uint8Array;
  readonly cooperation: Float32Array;
  readonly trust: Float32Array;
  readonly activityOf: Uint8Array;
  readonly records: readonly GenerationRecord[];
  readonly log: readonly LoggedEvent[];
  /** The organisers listed (docs/model.md, "Organisers"): terms, standing, and which one the keys act on. */
  readonly organisers: readonly LiveOrganiser[];
  /** When firms choose their partners: per firm, its ties and what its ties did in the last generation. */
  readonly network?: NetworkSnapshot | undefined;
  readonly settings: {
    readonly fine: number;
    readonly detection: number;
    readonly compensate: boolean;
    readonly crisis: boolean;
    readonly subsidy: number;
    readonly trustGain: number;
    readonly trustLoss: number;
    readonly noise: number;
    readonly updateRule: string;
    /** The reputation layer's assessment rule while it is on, else null. */
    readonly reputation: string | null;
    /** Whether firms announce their moves before each round. */
    readonly communication: boolean;
  };
}

/** Per firm: its ties, and TIE_FORMED / TIE_CUT bits for the ties it formed before, or lost after, the last generation played. */
export interface NetworkSnapshot {
  readonly ties: Uint8Array;
  readonly marks: Uint8Array;
}

/** A mark: the firm formed a tie before the last generation was played. */
export const TIE_FORMED = 1;
/** A mark: one of the firm's ties was cut after the last generation was played. */
export const TIE_CUT = 2;

/** What the live view draws of the network (undefined on a fixed lattice). */
export function networkSnapshot(model: ClusterModel): NetworkSnapshot | undefined {
  const network = model.network;
  if (network === undefined) return undefined;
  const ties = new Uint8Array(network.size);
  const marks = new Uint8Array(network.size);
  for (let firm = 0; firm < network.size; firm++) ties[firm] = Math.min(255, network.ties(firm));
  const played = model.generation - 1;
  for (let edge = 0; edge < network.count; edge++) {
    if (network.bornAt[edge] !== played || network.firmA[edge] === network.firmB[edge]) continue;
    marks[network.firmA[edge]!]! |= TIE_FORMED;
    marks[network.firmB[edge]!]! |= TIE_FORMED;
  }
  const cut = model.lastCut;
  for (let k = 0; k < cut.length; k++) marks[cut[k]!]! |= TIE_CUT;
  return { ties, marks };
}

/**
 * A cluster run that a person steers: it owns the model, applies commands and emits
 * snapshots. No clock and no I/O: the host (a worker thread in the terminal UI, or a test)
 * decides when to step.
 */
export class LiveCluster {
  #model: ClusterModel;
  #seed: number;
  #speedIndex = DEFAULT_SPEED;
  #running = true;
  #records: GenerationRecord[] = [];
  #log: LoggedEvent[] = [];
  /** The organiser the fee, grant and policy keys act on (index into parameters.organisers). */
  #selectedOrganiser = 0;

  constructor(
    readonly scenario: Scenario,
    readonly strategies: readonly Strategy[],
    seed: number,
  ) {
    this.#seed = seed;
    this.#model = this.#build();
  }

  #build(): ClusterModel {
    return new ClusterModel({ parameters: this.scenario.parameters, seed: this.#seed, strategies: this.strategies, events: this.scenario.events });
  }

  get running(): boolean {
    return this.#running;
  }

  get speed(): number {
    return SPEEDS[this.#speedIndex]!;
  }

  get model(): ClusterModel {
    return this.#model;
  }

  get records(): readonly GenerationRecord[] {
    return this.#records;
  }

  /** Plays the next generation; at the scenario's last one the run pauses and says so. */
  step(): GenerationRecord {
    const record = this.#model.step();
    this.#records.push(record);
    const played = this.#model.generation - 1;
    if (played === this.scenario.generations) {
      this.#running = false;
      this.#log.push({ generation: played, label: `scenario ended at generation ${played}: paused (space runs on, r starts again)` });
    }
    return record;
  }

  /** Applies a command; returns the event-log line it produced, if any. */
  apply(command: LiveCommand): string | undefined {
    const model = this.#model;
    const parameters = model.parameters;
    // Stamped with the run in place after the command: a reset's line belongs to the new run, not the old one's timeline.
    const note = (label: string): string => {
      this.#log.push({ generation: this.#model.generation, label });
      return label;
    };
    switch (command.type) {
      case 'toggle-pause':
        this.#running = !this.#running;
        return undefined;
      case 'step':
        this.#running = false;
        this.step();
        return undefined;
      case 'speed':
        this.#speedIndex = Math.max(0, Math.min(SPEEDS.length - 1, this.#speedIndex + command.delta));
        return undefined;
      case 'toggle-activity':
      case 'fine':
      case 'detection':
      case 'crisis': {
        const change = parameterChange(parameters, command);
        if (change === undefined) return undefined;
        return change.path === undefined ? note(change.label) : this.#set(change.path, change.value, change.label);
      }
      case 'found-organiser':
      case 'select-organiser':
      case 'organiser-fee':
      case 'organiser-grant':
      case 'organiser-policy': {
        const change = organiserChange(parameters, command, this.#selectedOrganiser);
        if (change === undefined) return note('no organiser yet: o founds one');
        if (change.path !== undefined) this.#set(change.path, change.value, change.label);
        else note(change.label);
        if (change.select !== undefined) this.#selectedOrganiser = change.select;
        return change.label;
      }
      case 'reset':
        this.#model = this.#build();
        this.#records = [];
        this.#log = [];
        return note(`reset with seed ${this.#seed}`);
      case 'reseed':
        this.#seed += 1;
        this.#model = this.#build();
        this.#records = [];
        this.#log = [];
        return note(`new run with seed ${this.#seed}`);
    }
  }

  #set(path: string, value: unknown, label: string): string {
    this.#model.set(path, value, label);
    return label;
  }

  snapshot(): LiveSnapshot {
    const model = this.#model;
    const parameters = model.parameters;
    // The model logs the timeline's events and the changes made through it; the live log adds resets.
    const log = [...this.#log, ...model.log].sort((a, b) => a.generation - b.generation);
    return {
      scenario: { name: this.scenario.name, title: this.scenario.title, generations: this.scenario.generations, years: this.scenario.years },
      seed: this.#seed,
      generation: model.generation - 1,
      ended: model.generation - 1 >= this.scenario.generations,
      running: this.#running,
      speed: this.speed,
      width: model.space.width,
      height: model.space.height,
      strategies: model.pool.map((strategy) => strategy.id),
      activities: parameters.activities.map((activity) => ({ name: activity.name, lowRisk: activity.lowRisk, enabled: activity.enabled })),
      strategyOf: model.strategyOf.slice(),
      cooperation: model.cooperationShare.slice(),
      trust: model.firmTrust(),
      activityOf: model.activityOf.slice(),
      records: [...this.#records],
      log,
      organisers: liveOrganisers(parameters, this.#records[this.#records.length - 1], this.#selectedOrganiser),
      ...(model.network === undefined ? {} : { network: networkSnapshot(model) }),
      settings: {
        fine: parameters.sanctions.fine,
        detection: parameters.sanctions.detection,
        compensate: parameters.sanctions.compensate,
        crisis: crisisActive(parameters, model.generation),
        subsidy: parameters.subsidy,
        trustGain: parameters.trust.gain,
        trustLoss: parameters.trust.loss,
        noise: parameters.noise,
        updateRule: parameters.update.rule,
        reputation: parameters.reputation?.enabled ? parameters.reputation.assessment : null,
        communication: parameters.communication?.enabled === true,
      },
    };
  }
}
