/**
 * The built-in strategy library, in the order `all` plays them: the classic dozen first,
 * then the rest of the literature.
 */
import type { Strategy } from '../src/core/strategy.js';
import cooperator from './cooperator.js';
import defector from './defector.js';
import titForTat from './tit-for-tat.js';
import grudger from './grudger.js';
import titForTwoTats from './tit-for-two-tats.js';
import winStayLoseShift from './win-stay-lose-shift.js';
import alternator from './alternator.js';
import suspiciousTitForTat from './suspicious-tit-for-tat.js';
import prober from './prober.js';
import twoTitsForTat from './two-tits-for-tat.js';
import bully from './bully.js';
import appeaser from './appeaser.js';
import random from './random.js';
import generousTitForTat from './generous-tit-for-tat.js';
import hardTitForTat from './hard-tit-for-tat.js';
import forgivingTitForTat from './forgiving-tit-for-tat.js';
import gradual from './gradual.js';
import softGrudger from './soft-grudger.js';
import firmButFair from './firm-but-fair.js';
import goByMajority from './go-by-majority.js';
import adaptive from './adaptive.js';
import handshake from './handshake.js';
import tester from './tester.js';
import cyclerCcd from './cycler-ccd.js';
import cyclerDdc from './cycler-ddc.js';
import cyclerCccccd from './cycler-cccccd.js';
import zdExtort2 from './zd-extort-2.js';
import davis from './davis.js';
import downing from './downing.js';
import feld from './feld.js';
import grofman from './grofman.js';
import joss from './joss.js';
import shubik from './shubik.js';
import tullock from './tullock.js';
import trustThreshold from './trust-threshold.js';
import raiseTheStakes from './raise-the-stakes.js';
import deterredRival from './deterred-rival.js';
import opportunist from './opportunist.js';
import cautiousPioneer from './cautious-pioneer.js';
import sanctionAwareTitForTat from './sanction-aware-tit-for-tat.js';
import grudgingRival from './grudging-rival.js';
import goodStanding from './good-standing.js';
import imageScorer from './image-scorer.js';
import discriminator from './discriminator.js';
import promiseKeeper from './promise-keeper.js';
import falsePromiser from './false-promiser.js';

/** The twelve classic strategies every cooplab user can rely on. */
export const classicStrategies: readonly Strategy[] = [
  cooperator,
  defector,
  titForTat,
  grudger,
  titForTwoTats,
  winStayLoseShift,
  alternator,
  suspiciousTitForTat,
  prober,
  twoTitsForTat,
  bully,
  appeaser,
];

/** Strategies from the wider literature. */
export const literatureStrategies: readonly Strategy[] = [
  random,
  generousTitForTat,
  hardTitForTat,
  forgivingTitForTat,
  gradual,
  softGrudger,
  firmButFair,
  goByMajority,
  adaptive,
  handshake,
  tester,
  cyclerCcd,
  cyclerDdc,
  cyclerCccccd,
  zdExtort2,
  davis,
  downing,
  feld,
  grofman,
  joss,
  shubik,
  tullock,
];

/** Cluster-aware strategies: they also read the activity, their trust in the partner and the sanctions. */
export const clusterStrategies: readonly Strategy[] = [
  trustThreshold,
  raiseTheStakes,
  deterredRival,
  opportunist,
  cautiousPioneer,
  sanctionAwareTitForTat,
  grudgingRival,
];

/** Strategies that read the partner's public standing (the cluster's reputation layer); in a tournament they have none to read. */
export const reputationStrategies: readonly Strategy[] = [goodStanding, imageScorer, discriminator];

/** Strategies that talk before they play (the cluster's pre-play communication); in a tournament nobody talks. */
export const communicationStrategies: readonly Strategy[] = [promiseKeeper, falsePromiser];

/** Every built-in strategy: the classic dozen, then those from the literature, then the cluster strategies, those that read reputation and those that talk. */
export const builtinStrategies: readonly Strategy[] = [
  ...classicStrategies,
  ...literatureStrategies,
  ...clusterStrategies,
  ...reputationStrategies,
  ...communicationStrategies,
];
