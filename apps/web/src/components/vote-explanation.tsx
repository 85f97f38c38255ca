/**
 * Whether a vote being typed meets quorum and adoption under the regulation's regime, and why: the domain's own
 * rule (`exceeds` with the regime's shares), so the numbers here are the decider's.
 */
import { Alert } from 'antd';
import { exceeds, regimeById, type Share } from '../../../../libs/domain/src/regimes';
import { useI18n } from '../i18n';

/** The fewest households that exceed the share of the base, found with the domain's rule. */
function fewestExceeding(base: number, share: Share): number {
  let low = 0;
  let high = base + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (exceeds(middle, base, share)) high = middle;
    else low = middle + 1;
  }
  return low;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export function VoteExplanation(props: { regimeId: string; method?: string; total?: number; present?: number; approving?: number }) {
  const { t, language } = useI18n();
  const { total, present, approving } = props;
  if (!isCount(total) || !isCount(present) || !isCount(approving)) return null;
  const regime = regimeById(props.regimeId);
  const shareText = (share: Share) => `${share.numerator}/${share.denominator}`;
  if (present > total || approving > present) {
    return <Alert type="warning" showIcon role="status" title={t('vote.inconsistent')} />;
  }
  const ballot = props.method === 'household_ballot';
  const quorumNeeded = fewestExceeding(total, regime.quorum);
  const quorumMet = ballot || exceeds(present, total, regime.quorum);
  const adoptionNeeded = fewestExceeding(total, regime.adoption);
  const adopted = quorumMet && exceeds(approving, total, regime.adoption);
  const lines = [
    ballot
      ? t('vote.ballotQuorum')
      : t(quorumMet ? 'vote.quorumMet' : 'vote.quorumMissed', { present, total, share: shareText(regime.quorum), needed: quorumNeeded }),
    t(adopted ? 'vote.adopted' : 'vote.notAdopted', { approving, total, share: shareText(regime.adoption), needed: adoptionNeeded }),
  ];
  return (
    <Alert
      type={adopted ? 'success' : 'warning'}
      showIcon
      role="status"
      aria-live="polite"
      title={t('vote.regime', { regime: language === 'vi' ? regime.titleVi : regime.title })}
      description={
        <ul className="vote-check" data-testid="vote-explanation">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      }
    />
  );
}
