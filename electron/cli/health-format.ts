import type { HealthCategory, HealthEntry, HealthOverview, HealthWorkspace } from '../../shared/contract/health';
import { safeForTerminal } from './terminal-safe';

const LABEL: Record<HealthCategory, string> = {
  expired: 'expired',
  leaked: 'leaked',
  'over-policy': 'over policy',
  expiring: 'expiring',
  stale: 'stale',
  unused: 'unused',
  'never-expiring': 'never expires',
};

function fixCommand(e: HealthEntry, w: HealthWorkspace): string {
  switch (e.fix) {
    case 'rotate':
      return `keydeck rotate ${e.keyId}`;
    case 'revoke':
      return `keydeck revoke ${e.keyId}`;
    case 'set-policy':
      // The rule the service can follow: keys that cannot expire get a rotation age instead.
      if (!w.workspaceId) return 'move it into a workspace';
      return `keydeck workspace policy ${w.workspaceId} ${w.policyKind === 'rotation-age' ? '--rotate-every 90' : '--max-days 90'}`;
    case 'open':
      // A key outside any workspace has no service account to rotate it with: replace it by hand.
      return `keydeck import (its replacement), then keydeck delete ${e.keyId}`;
  }
}

/** `keydeck health` for a person: one block per workspace with a finding, one line per finding and its fix. */
export function healthText(h: HealthOverview): string {
  const totals = (Object.entries(h.counts) as Array<[HealthCategory, number]>).filter(([, n]) => n > 0).map(([c, n]) => `${n} ${LABEL[c]}`);
  const head = h.keysNeedingAction === 0 ? 'All keys are healthy.' : `${h.keysNeedingAction} key${h.keysNeedingAction === 1 ? ' needs' : 's need'} action: ${totals.join(', ')}`;
  const blocks = h.workspaces
    .filter((w) => w.entries.length > 0)
    .map((w) => {
      const name = w.workspaceName ? safeForTerminal(w.workspaceName) : '(no workspace)';
      const title = `${name}${w.environment ? ` (${w.environment})` : ''} · policy: ${w.policyText}`;
      const lines = w.entries.map((e) => `  ${LABEL[e.category].padEnd(13)} ${safeForTerminal(e.keyName)}: ${safeForTerminal(e.reason)}\n  ${''.padEnd(13)} fix: ${fixCommand(e, w)}`);
      return [title, ...lines].join('\n');
    });
  return [head, ...blocks].join('\n\n');
}
