import { basename, dirname } from 'node:path';
import { PROVIDERS, type ProviderId } from '../../../shared/domain';
import type { EnvPlanLine } from '../../../shared/contract/env-import';
import type { KeyRow, WorkspaceRow } from '../store/rows';
import { maskedMatches } from '../sync/match-masked';
import { newKeyId } from '../vault/ids';
import { maskSecret } from '../vault/mask';
import { isReference, referenceFor } from '../../../shared/domain/reference';
import { looksLikeToken, recognise } from '../../../shared/domain/recognise-token';
import type { EnvAssignment } from './tokenize';

export type Verify = (ws: WorkspaceRow, provider: ProviderId, secret: string) => Promise<EnvPlanLine['verified'] | { failed: string }>;

export interface PlanInputs {
  path: string;
  assignments: EnvAssignment[];
  workspaces: WorkspaceRow[];
  /** Every key row (for masked matching and name clashes). */
  keys: KeyRow[];
  /** The fingerprint lookup: a value already stored is recognised whatever its variable is called. */
  stored: (value: string) => Promise<KeyRow | undefined>;
  verify: Verify;
  /** The user's choice of workspace for new entries. */
  workspaceId?: string;
}

const SERVICES = 'Kernel, Kernle, Kernel by Asimov or Kinesis';

/** Decides, for every assignment, what an import will do. Reads and asks the services; stores nothing. */
export async function planImport(p: PlanInputs): Promise<EnvPlanLine[]> {
  const wsById = new Map(p.workspaces.map((w) => [w.id, w]));
  const claimed = new Map<string, EnvPlanLine>(); // value → the line that stores it
  const plannedNames = new Set<string>();
  const out: EnvPlanLine[] = [];
  for (const a of p.assignments) {
    const base = { line: a.line, variable: a.name, masked: null, provider: null, keyId: null, keyName: null, workspaceId: null, workspaceName: null, verified: 'unverified' as const, reference: null };
    const skip = (reason: string, extra: Partial<EnvPlanLine> = {}): EnvPlanLine => ({ ...base, ...extra, action: 'skip', reason });
    if (!a.exact) { out.push(skip('Left alone: a multi-line or escaped value Keydeck cannot rewrite exactly.')); continue; }
    if (isReference(a.value)) { out.push(skip('Already a Keydeck reference.')); continue; }
    if (!looksLikeToken(a.value)) { out.push(skip('Not a token.')); continue; }
    const masked = maskSecret(a.value);
    const twin = claimed.get(a.value);
    if (twin) {
      out.push({ ...twin, line: a.line, variable: a.name, action: twin.action === 'skip' ? 'skip' : 'known', reason: twin.action === 'skip' ? twin.reason : `Same token as line ${twin.line}: records this use too.` });
      continue;
    }
    const known = await p.stored(a.value);
    if (known) {
      const ws = known.workspace_id ? wsById.get(known.workspace_id) : undefined;
      const line: EnvPlanLine = { ...base, masked, provider: known.provider as ProviderId, action: 'known', keyId: known.id, keyName: known.name, workspaceId: ws?.id ?? null, workspaceName: ws?.name ?? null, reference: ws ? referenceFor(ws.name, known.name) : null, reason: `Already stored as "${known.name}": records where it is used.` };
      claimed.set(a.value, line);
      out.push(line);
      continue;
    }
    const rec = recognise(a.name, a.value);
    if (!rec) { out.push(skip(`Not a token of ${SERVICES} (neither its name nor its prefix says so).`, { masked })); continue; }
    const label = PROVIDERS[rec.provider].label;
    const matches = p.keys.filter((k) => k.provider === rec.provider && k.source === 'synced' && k.has_secret === 0 && k.remote_id && !k.revoked_at && !k.remote_deleted_at && maskedMatches(k.masked, a.value));
    let line: EnvPlanLine;
    if (matches.length > 1) {
      line = skip(`Matches ${matches.length} synced ${label} keys (${matches.map((k) => `"${k.name}"`).join(', ')}): Keydeck will not guess. Import it by hand.`, { masked, provider: rec.provider });
    } else if (matches.length === 1) {
      const k = matches[0]!;
      const ws = wsById.get(k.workspace_id ?? '');
      line = { ...base, masked, provider: rec.provider, action: 'attach', keyId: k.id, keyName: k.name, workspaceId: ws?.id ?? null, workspaceName: ws?.name ?? null, reference: ws ? referenceFor(ws.name, k.name) : null, reason: `Attach to the synced key "${k.name}"${ws ? ` in ${ws.name}` : ''}.` };
    } else if (rec.weak) {
      line = skip(`Starts like a ${label} key but matches no synced key, and its name does not say which service: left alone.`, { masked });
    } else {
      const ws = targetWorkspace(p.workspaces, rec.provider, p.workspaceId);
      const name = uniqueName(defaultName(p.path, a.name), ws?.id ?? null, p.keys, plannedNames);
      plannedNames.add(`${ws?.id ?? ''}\n${name.toLowerCase()}`);
      const where = ws ? ` in ${ws.name}` : ` (no workspace: ${p.workspaces.some((w) => w.provider === rec.provider) ? 'choose one' : `add a ${label} workspace`} to reference it)`;
      line = { ...base, masked, provider: rec.provider, action: 'create', keyId: newKeyId(), keyName: name, workspaceId: ws?.id ?? null, workspaceName: ws?.name ?? null, reference: ws ? referenceFor(ws.name, name) : null, reason: `New ${label} key "${name}"${where}.` };
    }
    if (line.action !== 'skip') line = await verified(line, a.value, p, wsById);
    claimed.set(a.value, line);
    out.push(line);
  }
  return out;
}

/** Asks the service whether the token works, where a workspace of that service says where to ask. */
async function verified(line: EnvPlanLine, value: string, p: PlanInputs, wsById: Map<string, WorkspaceRow>): Promise<EnvPlanLine> {
  const provider = line.provider!;
  const ws = (line.workspaceId ? wsById.get(line.workspaceId) : undefined) ?? p.workspaces.find((w) => w.provider === provider && w.management_key_id) ?? p.workspaces.find((w) => w.provider === provider);
  if (!ws) return line;
  const label = PROVIDERS[provider].label;
  const v = await p.verify(ws, provider, value);
  if (v === 'rejected') return { ...line, action: 'skip', verified: 'rejected', keyId: line.action === 'attach' ? line.keyId : null, reference: null, reason: `${label} rejected it (401): wrong, expired or revoked. Left alone.` };
  if (typeof v === 'object') return { ...line, verified: 'failed', reason: `${line.reason} Not verified: ${v.failed}.` };
  return { ...line, verified: v };
}

function targetWorkspace(all: WorkspaceRow[], provider: ProviderId, chosen: string | undefined): WorkspaceRow | null {
  const mine = all.filter((w) => w.provider === provider);
  const picked = mine.find((w) => w.id === chosen);
  if (picked) return picked;
  if (mine.length === 1) return mine[0]!;
  const connected = mine.filter((w) => w.management_key_id);
  return connected.length === 1 ? connected[0]! : null;
}

/** `KERNEL_API_KEY` in `~/src/billing/.env` → "billing-kernel-api-key": says where it came from and reads well in a reference. */
function defaultName(path: string, variable: string): string {
  const folder = basename(dirname(path)).replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  const v = variable.toLowerCase().replace(/_/g, '-');
  return folder ? `${folder}-${v}` : v;
}

function uniqueName(name: string, workspaceId: string | null, keys: KeyRow[], planned: Set<string>): string {
  const taken = (n: string) => planned.has(`${workspaceId ?? ''}\n${n.toLowerCase()}`) || keys.some((k) => (k.workspace_id ?? null) === workspaceId && k.name.toLowerCase() === n.toLowerCase());
  if (!taken(name)) return name;
  for (let i = 2; ; i++) if (!taken(`${name}-${i}`)) return `${name}-${i}`;
}
