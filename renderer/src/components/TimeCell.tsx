import { exactTime, relativeTime } from '../lib/time';

/** Relative for scanning, exact on hover (and for screen readers, via <time>). */
export function TimeCell({ at, now, never = 'Never', past }: { at: string | null; now: number; never?: string; past?: string }) {
  if (!at) return <span className="muted">{never}</span>;
  const isPast = Date.parse(at) < now;
  return (
    <time dateTime={at} title={exactTime(at)} className={isPast && past ? 'expiry-past' : undefined}>
      {isPast && past ? `${past} ${relativeTime(at, now)}` : relativeTime(at, now)}
    </time>
  );
}
