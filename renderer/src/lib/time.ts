const DAY = 86_400_000;

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

/** "in 3 days", "2 months ago": coarse on purpose, the exact date is in the title. */
export function relativeTime(iso: string, now = Date.now()): string {
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  if (abs < 3_600_000) return relative.format(Math.round(diff / 60_000), 'minute');
  if (abs < DAY) return relative.format(Math.round(diff / 3_600_000), 'hour');
  if (abs < 45 * DAY) return relative.format(Math.round(diff / DAY), 'day');
  if (abs < 365 * DAY) return relative.format(Math.round(diff / (30 * DAY)), 'month');
  return relative.format(Math.round(diff / (365 * DAY)), 'year');
}

export function exactTime(iso: string): string {
  return exact.format(new Date(iso));
}

export function daysUntil(iso: string, now = Date.now()): number {
  return (Date.parse(iso) - now) / DAY;
}
