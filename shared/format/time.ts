const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function unit(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * "in 2 days", "in 5 hours", "3 days ago", "in 4 months": coarse on purpose, the exact date goes
 * in a tooltip. The one formatter for the table, the tray and notifications: every unit is
 * rounded DOWN, so a key with 9.6 days left says "in 9 days" everywhere, never 10 in one place.
 */
export function relativeTime(iso: string, now: Date): string {
  const delta = Date.parse(iso) - now.getTime();
  const abs = Math.abs(delta);
  const text =
    abs >= 365 * DAY
      ? unit(Math.floor(abs / (365 * DAY)), 'year')
      : abs >= 45 * DAY
        ? unit(Math.floor(abs / (30 * DAY)), 'month')
        : abs >= 2 * DAY
          ? unit(Math.floor(abs / DAY), 'day')
          : abs >= HOUR
            ? unit(Math.floor(abs / HOUR), 'hour')
            : abs >= MINUTE
              ? unit(Math.floor(abs / MINUTE), 'minute')
              : 'a moment';
  return delta > 0 ? `in ${text}` : `${text} ago`;
}

/** Whole days from `iso` to `now` (the age of a key that never expires). */
export function daysSince(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / DAY));
}
