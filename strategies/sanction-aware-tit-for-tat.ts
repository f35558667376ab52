/**
 * Sanction-Aware Tit For Tat.
 * Provenance: Axelrod, R. (1984) "The Evolution of Cooperation", ch. 7 (promoting co-operation by
 * changing the payoffs); Meyer-Stamer, J. (2001) "Clustering and the creation of an
 * innovation-oriented environment for industrial competitiveness", §3.1 and §4.1.
 *
 * Rationale. Tit-for-tat's retaliation is what protects it, but in a cluster with a history of
 * rivalry retaliation also keeps feuds going (Meyer-Stamer §3.1). Meyer-Stamer names "rules (and
 * sanctions if rules are broken)" as a stabiliser of co-operation (§3.1) and government as the
 * moderator that can overcome mistrust among firms (§4.1); Axelrod's remedy "change the payoffs"
 * makes the same point — when the rules make cheating unprofitable, a firm need not police its
 * partners itself. This firm plays tit-for-tat, except that when the sanctions in force deter
 * cheating (detection × fine ≥ T − R of the activity) it forgives: it co-operates even after a
 * partner's defection, trusting the rules to punish cheaters, and so ends echoes of retaliation.
 *
 * Machine: the state is the partner's last move (C before the first round). After a partner's C
 * it co-operates; after a partner's D it co-operates only when deterred. In a plain tournament
 * (no sanctions) it is tit-for-tat. Its forgiveness rests on a deterrence test written into its
 * rule, so the `sanctions` preset does not use it (deterrence there has to emerge from the fines in
 * the firms' payoffs and imitation). Meyer-Stamer's §3.2 fines are anti-trust fines, a cost of
 * cartel-like co-operation, not a sanction against cheating: this strategy does not rest on them.
 */
import { finiteStateStrategy } from '../src/authoring/define.js';

const PARTNER_C = 0; // also the opening state
const PARTNER_D = 1;

export default finiteStateStrategy(
  {
    id: 'sanction-aware-tit-for-tat',
    name: 'Sanction-Aware Tit For Tat',
    description:
      "Tit-for-tat that trusts the rules: it co-operates first and repeats the partner's last move, but when the sanctions in force deter cheating (the expected fine at least cancels the gain from defecting, T - R of the activity) it forgives, co-operating even after a partner's defection and leaving the punishment to the rules. Without sanctions, as in a plain tournament, it is tit-for-tat.",
    provenance:
      'Axelrod, R. (1984) The Evolution of Cooperation, ch. 7 (change the payoffs); Meyer-Stamer, J. (2001) Clustering and the creation of an innovation-oriented environment for industrial competitiveness, §3.1 (rules and sanctions stabilise co-operation) and §4.1 (government as moderator).',
    classifier: { memoryDepth: 1, stochastic: false },
  },
  {
    initial: PARTNER_C,
    cooperate: [1, (context) => (context.deterred ? 1 : 0)],
    // Outcomes, own move first: (C,C), (C,D), (D,C), (D,D); only the partner's move matters.
    next: [
      [PARTNER_C, PARTNER_D, PARTNER_C, PARTNER_D],
      [PARTNER_C, PARTNER_D, PARTNER_C, PARTNER_D],
    ],
  },
);
