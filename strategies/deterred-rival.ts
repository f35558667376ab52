/**
 * Deterred Rival.
 * Provenance: Meyer-Stamer, J. (2001) "Clustering and the creation of an innovation-oriented
 * environment for industrial competitiveness", §3.1; the deterrence condition is
 * Becker, G. S. (1968) "Crime and punishment: an economic approach", J. Political Economy 76(2):169–217.
 *
 * Rationale. In a non-cooperative cluster "a long history of rivalry ... will create a strong bias
 * towards non-cooperation" and "everyday business behavior will tend to be opportunistic, as firms
 * are desperate for sales" (§3.1). Such a firm is not won over by trust or by the partner's
 * conduct; what stabilises co-operation with it is the other mechanism Meyer-Stamer names, "rules
 * (and sanctions if rules are broken)" (§3.1). (The fines of §3.2 are not such sanctions:
 * there anti-trust fines are a *cost of* cartel-like co-operation, "the costs of such
 * co-operation, namely the fines they had to pay".) It co-operates exactly when cheating does not pay in expectation: when the chance of
 * being caught times the fine (p·f) is at least the gain from defecting against a co-operator
 * (T − R of the activity being played), Becker's condition for deterrence.
 *
 * Machine: one state; C when `deterred`, else D. A plain tournament has no sanctions, so there it
 * always defects. The deterrence test is written into this strategy's rule, so the `sanctions`
 * preset does not use it: there deterrence has to emerge from the fines in the firms' payoffs and
 * imitation (docs/scenarios.md).
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

export default finiteStateStrategy(
  {
    id: 'deterred-rival',
    name: 'Deterred Rival',
    description:
      'A rival that defects unless deterred: it co-operates only when the expected fine for cheating a co-operator (detection probability times fine) at least cancels the gain from it (T - R of the activity being played), and defects otherwise, whatever the partner does and however much it trusts it. Without sanctions, as in a plain tournament, it always defects.',
    provenance:
      'Meyer-Stamer, J. (2001) Clustering and the creation of an innovation-oriented environment for industrial competitiveness, §3.1 (rivalry; rules and sanctions stabilise co-operation); Becker, G. S. (1968) Crime and punishment: an economic approach, Journal of Political Economy 76(2):169-217.',
    classifier: { memoryDepth: 0, stochastic: false },
  },
  {
    initial: 0,
    cooperate: [(context) => (context.deterred ? 1 : 0)],
    next: [[0, 0, 0, 0]],
  },
);
