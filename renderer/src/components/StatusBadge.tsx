import { BADGE_LABELS, type BadgeKind } from '../lib/status';

export function StatusBadge({ kind }: { kind: BadgeKind }) {
  return <span className={`badge badge-${kind}`}>{BADGE_LABELS[kind]}</span>;
}
