import { exactTime, relativeTime } from '../lib/time';
import type { Badge } from '../lib/status';

/** The badge for one key; tier and grace end are part of the text, so colour is never the only signal. */
export function StatusBadge({ badge, now }: { badge: Badge; now: number }) {
  const tier = badge.kind === 'expiring' && badge.tierDays ? `expiring-${badge.tierDays <= 1 ? 1 : badge.tierDays <= 3 ? 3 : 'far'}` : badge.kind;
  return (
    <span className={`badge badge-${badge.kind} badge-${tier}`} title={badge.until ? `Old key works until ${exactTime(badge.until)}` : undefined}>
      {badge.label}
      {badge.kind === 'expiring' && badge.tierDays ? <span className="badge-detail"> ≤{badge.tierDays} d</span> : null}
      {badge.until ? <span className="badge-detail"> until {relativeTime(badge.until, now).replace(/^in /, '')}</span> : null}
    </span>
  );
}
