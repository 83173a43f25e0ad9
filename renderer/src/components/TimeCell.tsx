import { exactTime, relativeTime } from '../lib/time';

/**
 * Relative for scanning, exact on hover (and for screen readers, via <time>). `past`: a deadline,
 * shown in red once passed, with `past` as a prefix when it is not empty ("Expired 3 days ago").
 */
export function TimeCell({ at, now, never = 'Never', past, occurred }: { at: string | null; now: number; never?: string; past?: string; occurred?: boolean }) {
  if (!at) return <span className="muted">{never}</span>;
  // Something that already happened (revoked, created) is never "in 1 minute", whatever the rows' shared clock reads.
  if (occurred && Date.parse(at) > now) now = Date.parse(at);
  const overdue = past !== undefined && Date.parse(at) < now;
  return (
    <time dateTime={at} title={exactTime(at)} className={overdue ? 'expiry-past' : undefined}>
      {overdue && past ? `${past} ${relativeTime(at, now)}` : relativeTime(at, now)}
    </time>
  );
}
