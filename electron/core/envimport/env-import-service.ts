import { PROVIDERS, type ProviderId } from '../../../shared/domain';
import type { ParsedInput } from '../../../shared/contract';
import type { EnvImportPreview, EnvImportResult, EnvPlanLine } from '../../../shared/contract/env-import';
import { AppError } from '../errors';
import type { ProviderRegistry } from '../providers';
import type { Clock, EventSink, SecretStore } from '../ports';
import type { UsageService } from '../rotation/usages';
import { AuditRepo } from '../store/audit-repo';
import { write, type Db } from '../store/database';
import { KeysRepo } from '../store/keys-repo';
import type { KeyRow, WorkspaceRow } from '../store/rows';
import { WorkspacesRepo } from '../store/workspaces-repo';
import { SyncRepo } from '../sync/sync-repo';
import { Fingerprinter } from '../vault/fingerprint';
import { maskSecret } from '../vault/mask';
import { PlanCache } from './plan-cache';
import { planImport } from './planner';
import { readEnvFile } from './read-env-file';
import { applyReplacements, changedError, writeEnvAtomically, type Replacement } from './rewrite';
import { tokenizeEnv } from './tokenize';

export interface EnvImportDeps {
  db: Db;
  secrets: SecretStore;
  providers: ProviderRegistry;
  usages: UsageService;
  clock: Clock;
  events: EventSink;
}

type LineResult = EnvImportResult['lines'][number];
const KEYCHAIN = new Set(['keychain_unavailable', 'keychain_locked']);

/**
 * `.env` import: preview (read, recognise, match synced keys, verify; nothing stored), then
 * apply line by line. Each line is all-or-nothing: the secret goes to the keychain first, then
 * one transaction holds the key row, its audit entry and its usage; if the transaction fails the
 * keychain item is removed again. The optional rewrite puts references in place of stored values.
 */
export class EnvImportService {
  private readonly plans = new PlanCache();
  private readonly keys: KeysRepo;
  private readonly workspaces: WorkspacesRepo;
  private readonly syncRepo: SyncRepo;
  private readonly audit: AuditRepo;
  private readonly fingerprints: Fingerprinter;

  constructor(private readonly d: EnvImportDeps) {
    this.keys = new KeysRepo(d.db);
    this.workspaces = new WorkspacesRepo(d.db);
    this.syncRepo = new SyncRepo(d.db);
    this.audit = new AuditRepo(d.db);
    this.fingerprints = new Fingerprinter(d.secrets);
  }

  async preview(input: ParsedInput<'envImport.preview'>): Promise<EnvImportPreview> {
    if (input.workspaceId && !this.workspaces.get(input.workspaceId)) throw new AppError('not_found', `No workspace with id ${input.workspaceId}.`, { fields: { workspaceId: 'is not a workspace' } });
    const file = readEnvFile(input.path);
    const lines = await planImport({
      path: file.path,
      assignments: tokenizeEnv(file.text),
      workspaces: this.workspaces.list(),
      keys: this.keys.all(),
      stored: async (value) => this.keys.findByFingerprint(await this.fingerprints.of(value)),
      verify: (ws, provider, secret) => this.verify(ws, provider, secret),
      ...(input.workspaceId ? { workspaceId: input.workspaceId } : {}),
    });
    const planToken = this.plans.put({ path: file.path, hash: file.hash, lines, madeAt: this.d.clock.now().getTime() });
    return { planToken, path: file.path, lines };
  }

  async apply(input: ParsedInput<'envImport.apply'>): Promise<EnvImportResult> {
    const plan = this.plans.take(input.planToken, this.d.clock.now().getTime());
    if (!plan) throw new AppError('conflict', 'This preview has expired or was already applied. Preview the file again.');
    if (plan.path !== input.path) throw new AppError('invalid_input', 'The preview was made for another file. Preview this file first.', { fields: { path: 'does not match the preview' } });
    const file = readEnvFile(input.path);
    if (file.hash !== plan.hash) throw changedError(input.path);
    const values = new Map(tokenizeEnv(file.text).map((a) => [a.line, a]));
    const skip = new Set(input.skip);
    const results: LineResult[] = [];
    const replacements: Replacement[] = [];
    let keychainDown: AppError | null = null;
    for (const entry of plan.lines) {
      const a = values.get(entry.line)!;
      const base = { line: entry.line, variable: entry.variable, keyId: entry.keyId };
      if (entry.action === 'skip' || skip.has(entry.line)) {
        results.push({ ...base, keyId: null, outcome: 'skipped', message: entry.action === 'skip' ? entry.reason : 'Left alone, as chosen.' });
        continue;
      }
      if (keychainDown) {
        results.push({ ...base, outcome: 'failed', message: 'Not tried: the keychain was unavailable.' });
        continue;
      }
      try {
        results.push({ ...base, ...(await this.applyLine(entry, a.value, file.path)) });
        if (entry.reference) replacements.push({ start: a.start, end: a.end, text: entry.reference });
      } catch (e) {
        const err = e instanceof AppError ? e : new AppError('internal', 'Something unexpected went wrong; this line was not stored.');
        // Nothing stored yet and the keychain is the problem: one clear error, not a table of failures.
        if (KEYCHAIN.has(err.code) && !results.some((r) => r.outcome !== 'skipped')) throw err;
        if (KEYCHAIN.has(err.code)) keychainDown = err;
        results.push({ ...base, outcome: 'failed', message: err.message });
      }
    }
    if (results.some((r) => r.outcome !== 'skipped' && r.outcome !== 'failed')) this.d.events.emit({ name: 'vault.changed', payload: { scope: 'keys' } });
    return { path: file.path, lines: results, rewrite: this.rewrite(input.rewrite, file, replacements) };
  }

  private rewrite(asked: boolean, file: ReturnType<typeof readEnvFile>, replacements: Replacement[]): EnvImportResult['rewrite'] {
    if (!asked) return { state: 'not-asked', replaced: 0, message: `${file.path} was not changed.` };
    if (replacements.length === 0) return { state: 'nothing-to-do', replaced: 0, message: `No value in ${file.path} could be replaced by a reference; it was not changed.` };
    try {
      writeEnvAtomically(file, applyReplacements(file, replacements));
    } catch (e) {
      return { state: 'refused', replaced: 0, message: e instanceof AppError ? e.message : `${file.path} could not be rewritten; it is unchanged.` };
    }
    return { state: 'written', replaced: replacements.length, message: `${file.path} now holds ${replacements.length} reference${replacements.length === 1 ? '' : 's'} instead of secrets.` };
  }

  private async applyLine(entry: EnvPlanLine, value: string, path: string): Promise<Omit<LineResult, 'line' | 'variable'>> {
    const keyId = entry.keyId!;
    const now = this.d.clock.now().toISOString();
    if (entry.action === 'known') {
      if (!this.keys.get(keyId)) return { keyId: null, outcome: 'skipped', message: `Not recorded: the key of line ${entry.reason.match(/line (\d+)/)?.[1] ?? 'before'} was not stored.` };
      write(this.d.db, () => this.recordUsage(keyId, entry.variable, path));
      return { keyId, outcome: 'recorded', message: `Recorded ${entry.variable} in ${path} as a use of "${entry.keyName}".` };
    }
    const fingerprint = await this.fingerprints.of(value);
    const label = PROVIDERS[entry.provider!].label;
    await this.d.secrets.set(keyId, value);
    try {
      write(this.d.db, () => {
        const dup = this.keys.findByFingerprint(fingerprint);
        if (dup) throw new AppError('duplicate_key', `This token was stored as "${dup.name}" since the preview; preview again.`);
        if (entry.action === 'attach') {
          const row = this.keys.get(keyId);
          if (!row || row.has_secret || row.revoked_at) throw new AppError('conflict', `"${entry.keyName}" changed since the preview (removed, revoked or given a secret); preview again.`);
          this.d.db.prepare(`UPDATE keys SET has_secret = 1, fingerprint = ?, masked = ?, updated_at = ? WHERE id = ?`).run(fingerprint, maskSecret(value), now, keyId);
          this.audit.append(now, { kind: 'imported', keyId, workspaceId: row.workspace_id, summary: `Attached the secret of "${row.name}" from ${entry.variable} in ${path}` });
        } else {
          this.insertNew(entry, keyId, fingerprint, value, now);
          this.audit.append(now, { kind: 'imported', keyId, workspaceId: entry.workspaceId, summary: `Imported ${label} key "${entry.keyName}" from ${entry.variable} in ${path}${entry.workspaceName ? ` into ${entry.workspaceName}` : ''}` });
        }
        this.recordUsage(keyId, entry.variable, path);
      });
    } catch (e) {
      // The line is all or nothing: a secret whose row was not written does not stay behind.
      await this.d.secrets.delete(keyId).catch(() => false);
      if (e instanceof AppError) throw e;
      throw new AppError('storage_error', `Keydeck could not save ${entry.variable} to its database; nothing of this line was stored.`);
    }
    return entry.action === 'attach'
      ? { keyId, outcome: 'attached', message: `"${entry.keyName}" now holds its secret.` }
      : { keyId, outcome: 'created', message: `Stored as "${entry.keyName}"${entry.workspaceName ? ` in ${entry.workspaceName}` : ''}.` };
  }

  private insertNew(entry: EnvPlanLine, id: string, fingerprint: string, value: string, now: string): void {
    const row: KeyRow = {
      id, workspace_id: entry.workspaceId, provider: entry.provider!, remote_id: null, name: entry.keyName!, masked: maskSecret(value), fingerprint,
      scopes: '[]', project_id: null, created_at: now, expires_at: null, valid_from: null, last_used_at: null, revoked_at: null, grace_until: null,
      remote_deleted_at: null, has_secret: 1, source: 'imported', updated_at: now,
    };
    this.keys.insert(row);
  }

  /** Inside the caller's transaction (the usage service's own write nests as a savepoint). */
  private recordUsage(keyId: string, envVar: string, filePath: string): void {
    if (this.d.usages.rows(keyId).some((u) => u.env_var === envVar && u.file_path === filePath)) return;
    this.d.usages.add({ keyId, envVar, filePath });
  }

  private async verify(ws: WorkspaceRow, provider: ProviderId, secret: string): Promise<EnvPlanLine['verified'] | { failed: string }> {
    const projectId = provider === 'kernel-sh' ? (this.syncRepo.state(ws.id)?.project_id ?? null) : null;
    try {
      const probe = await this.d.providers.clientFor(provider, { baseUrl: ws.base_url, token: secret, workspaceKey: ws.id, projectId }).probe();
      return probe.state === 'rejected' ? 'rejected' : 'valid';
    } catch (e) {
      return { failed: e instanceof AppError ? e.code : 'error' };
    }
  }
}
