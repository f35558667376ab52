/**
 * Raise The Stakes.
 * Provenance: Roberts, G. & Sherratt, T. N. (1998) "Development of cooperative relationships
 * through increasing investment", Nature 394:175–179; Meyer-Stamer, J. (2001) "Clustering and the
 * creation of an innovation-oriented environment for industrial competitiveness", §4.1.
 *
 * Rationale. Roberts & Sherratt's "raise-the-stakes" invests little in a new relationship and
 * raises its investment as the partner matches it, so a cheat can only ever take a small stake.
 * Meyer-Stamer found the same ladder in the clusters of Santa Catarina (§4.1): co-operation
 * succeeded first in activities that "open little or no latitude for predatory behavior"
 * (training, environment-related activities, basic testing), and "initiatives like those just
 * mentioned may pave the way for more ambitious co-operation activities", such as exchanging
 * technological information. On the lattice the stakes are the activity: this firm always
 * co-operates in a low-risk joint activity (the cheap investment that builds the partner's trust)
 * and plays tit-for-tat (Axelrod 1984) in a risky one. This is a two-level adaptation of Roberts &
 * Sherratt's continuous investment: the lattice, not the strategy, raises the stakes when joint
 * trust reaches the risky activity's threshold.
 *
 * Machine: the state is the partner's last move (C before the first round). After a partner's C
 * it co-operates; after a partner's D it co-operates only in a low-risk activity. In a plain
 * tournament (a risky context) it is tit-for-tat.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

const PARTNER_C = 0; // also the opening state
const PARTNER_D = 1;

export default finiteStateStrategy(
  {
    id: 'raise-the-stakes',
    name: 'Raise The Stakes',
    description:
      "Always co-operates in low-risk joint activities (training, basic testing, environmental work), where being exploited costs little and co-operating builds trust, and plays tit-for-tat in risky co-operation such as technology exchange: co-operates first, then repeats the partner's last move. In a plain tournament it is tit-for-tat.",
    provenance:
      'Roberts, G. & Sherratt, T. N. (1998) Development of cooperative relationships through increasing investment, Nature 394:175-179; Meyer-Stamer, J. (2001) Clustering and the creation of an innovation-oriented environment for industrial competitiveness, §4.1 (low-risk joint activities pave the way to riskier co-operation).',
    classifier: { memoryDepth: 1, stochastic: false },
  },
  {
    initial: PARTNER_C,
    cooperate: [1, (context) => (context.lowRisk ? 1 : 0)],
    // Outcomes, own move first: (C,C), (C,D), (D,C), (D,D); only the partner's move matters.
    next: [
      [PARTNER_C, PARTNER_D, PARTNER_C, PARTNER_D],
      [PARTNER_C, PARTNER_D, PARTNER_C, PARTNER_D],
    ],
  },
);
