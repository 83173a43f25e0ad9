const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function unit(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "in 2 days", "in 5 hours", "3 days ago": coarse on purpose, the exact date goes in a tooltip. */
export function relativeTime(iso: string, now: Date): string {
  const delta = Date.parse(iso) - now.getTime();
  const abs = Math.abs(delta);
  const text = abs >= 2 * DAY ? unit(Math.floor(abs / DAY), 'day') : abs >= HOUR ? unit(Math.floor(abs / HOUR), 'hour') : abs >= MINUTE ? unit(Math.floor(abs / MINUTE), 'minute') : 'a moment';
  return delta > 0 ? `in ${text}` : `${text} ago`;
}

/** Whole days from `iso` to `now` (the age of a key that never expires). */
export function daysSince(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / DAY));
}
