/**
 * What a strategy module may import from 'cooplab' at run time: the helpers that build a
 * strategy. Pure code with no I/O, bundled into each module (also inside the sandbox).
 */
export { defineStrategy, finiteStateStrategy, memoryOneStrategy, memoryOneMachine, ReplayingPlayer } from './define.js';
