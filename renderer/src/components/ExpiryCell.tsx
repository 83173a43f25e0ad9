import { exactTime, relativeTime } from '../lib/time';

/** Relative for scanning, exact on hover (and for screen readers, via <time>). */
export function ExpiryCell({ expiresAt, now }: { expiresAt: string | null; now: number }) {
  if (!expiresAt) return <span className="muted">Never</span>;
  const past = Date.parse(expiresAt) < now;
  return (
    <time dateTime={expiresAt} title={exactTime(expiresAt)} className={past ? 'expiry-past' : undefined}>
      {past ? `Expired ${relativeTime(expiresAt, now)}` : relativeTime(expiresAt, now)}
    </time>
  );
}
