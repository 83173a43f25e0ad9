import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LeakFinding, LeakOverview, LeakScanReport, LeakSource, LeakSourceReport } from '../../../shared/contract/leaks';
import { AppError, notFound } from '../errors';
import type { Clock, EventSink, Logger, Notifier, SecretStore } from '../ports';
import type { Db } from '../store/database';
import { secretWorks } from '../../../shared/domain';
import { keyStatus } from '../vault/key-status';
import type { KeyRow } from '../store/rows';
import { FindingsRepo, type FoundAt } from './findings-repo';
import { SourceError, type GitOptions } from './git';
import { SKIP_RULE } from './content-scan';
import { forget, loadSecrets, validKeys } from './secret-set';
import { ScanState } from './scan-state';
import { discover, fsp, type Source } from './sources';
import { emptyReport, scanFile, type SourceResult } from './file-scan';
import { scanWorkTree } from './work-tree';
import { scanRepo } from './repo-scan';

export interface LeakServiceDeps {
  db: Db;
  secrets: SecretStore;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  notifier: Notifier;
  /** Where shell history files are looked for; null = none (tests pass their own folder). */
  shellHome: string | null;
  /** The git binary and how long one source may take before it is reported as too slow. */
  git?: { bin?: string; sourceDeadlineMs?: number };
  /** Called after anything that changes the open findings (the watcher checks again: tray, badge). */
  onChange?: () => void;
}

export const LEAK_NOTICE_ID = 'leaks';

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SourceError('the file did not answer before the per-source deadline (slow disk or network drive?); the other sources were scanned', 'timeout')), ms);
    timer.unref?.();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** `~/code` as a person types it; the contract already refused relative paths. */
const expandHome = (p: string): string => resolve(p === '~' ? homedir() : p.startsWith('~/') ? join(homedir(), p.slice(2)) : p);
const DEFAULT_SOURCE_DEADLINE_MS = 10 * 60_000;

/**
 * The leak finder: searches the user's repositories (whole history), `.env` files, shell history
 * and extra files for the exact value of every secret Keydeck holds that still works, and keeps
 * where it found each one. Secrets are read from the keychain once per scan and never leave memory.
 */
export class LeakService {
  readonly findings: FindingsRepo;
  readonly state: ScanState;
  private running: Promise<LeakScanReport> | null = null;

  constructor(private readonly d: LeakServiceDeps) {
    this.findings = new FindingsRepo(d.db);
    this.state = new ScanState(d.db);
  }

  overview(nextScanAt: Date | null): LeakOverview {
    return { sources: this.state.sources(), running: this.running !== null, lastScan: this.state.lastScan(), nextScanAt: nextScanAt?.toISOString() ?? null };
  }

  list(includeResolved = false): LeakFinding[] {
    this.autoResolve();
    return this.findings.list(includeResolved);
  }

  async addSource(path: string): Promise<LeakSource[]> {
    const abs = expandHome(path);
    let st;
    try {
      st = await fsp().stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const message = code === 'ELOOP' ? `${abs} is a symbolic link loop; point it at a real folder or file` : `${abs} does not exist or cannot be read (${code ?? 'error'}); check the path`;
      throw new AppError('invalid_input', message, { fields: { path: message } });
    }
    if (!st.isFile() && !st.isDirectory()) throw new AppError('invalid_input', `${abs} is not a file or folder`, { fields: { path: `${abs} is not a file or folder` } });
    this.state.addSource(abs, st.isDirectory() ? 'folder' : 'file', this.d.clock.now().toISOString());
    return this.state.sources();
  }

  removeSource(path: string): LeakSource[] {
    if (!this.state.removeSource(expandHome(path))) throw new AppError('not_found', `${path} is not in the scan list`);
    return this.state.sources();
  }

  resolveFinding(id: string): LeakFinding {
    const f = this.findings.get(id);
    if (!f) throw notFound('leak finding', id);
    this.findings.resolve([id], 'marked', this.d.clock.now().toISOString());
    this.changed();
    return this.findings.get(id)!;
  }

  /** For the Health overview: open findings per key, from SQLite only. */
  openFindingsByKey(): Array<{ keyId: string; findings: number; exposed: boolean }> {
    return this.findings.openCounts();
  }

  /** Keys with open findings, by name: what the notification says. */
  leakedKeys(): Array<{ keyId: string; keyName: string; findings: number; exposed: boolean }> {
    const names = new Map((this.d.db.prepare('SELECT id, name FROM keys').all() as Array<{ id: string; name: string }>).map((r) => [r.id, r.name]));
    return this.findings.openCounts().map((c) => ({ ...c, keyName: names.get(c.keyId) ?? c.keyId }));
  }

  /**
   * A finding is fixed once its secret stopped working: the key was rotated away and the old one
   * revoked or expired. Such findings close themselves as "rotated".
   */
  autoResolve(): number {
    const open = this.findings.openByKey();
    if (open.size === 0) return 0;
    const now = this.d.clock.now();
    const get = this.d.db.prepare('SELECT * FROM keys WHERE id = ?');
    const ids: string[] = [];
    for (const [keyId, findingIds] of open) {
      const row = get.get(keyId) as KeyRow | undefined;
      if (row && !secretWorks(keyStatus(row, now))) ids.push(...findingIds);
    }
    this.findings.resolve(ids, 'rotated', now.toISOString());
    if (ids.length) this.changed();
    return ids.length;
  }

  /** One scan at a time: a second request while one runs gets the same report. */
  scan(opts: { paths?: string[]; trigger?: LeakScanReport['trigger'] } = {}): Promise<LeakScanReport> {
    if (this.running) return this.running;
    this.running = this.run(opts).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(opts: { paths?: string[]; trigger?: LeakScanReport['trigger'] }): Promise<LeakScanReport> {
    const { clock, events } = this.d;
    const startedAt = clock.now().toISOString();
    this.autoResolve();
    const explicit = opts.paths && opts.paths.length > 0;
    const paths = explicit ? opts.paths!.map(expandHome) : this.state.sources().map((s) => s.path);
    const keys = validKeys(this.d.db, clock.now());
    const set = await loadSecrets(keys, this.d.secrets);
    const sourceReports: LeakSourceReport[] = [];
    let newFindings = 0;
    let foundOpen = 0;
    try {
      const { sources, problems } = await discover(paths, explicit ? null : this.d.shellHome);
      for (const p of problems) sourceReports.push({ ...emptyReport({ kind: p.kind, path: p.path }), problem: { reason: p.error.reason, message: p.error.message } });
      events.emit({ name: 'leaks.progress', payload: { phase: 'started', done: 0, total: sources.length, path: null } });
      let done = 0;
      for (const source of sources) {
        const t0 = performance.now();
        const result = await this.scanSource(source, set);
        result.report.durationMs = Math.round(performance.now() - t0);
        sourceReports.push(result.report);
        if (!result.report.problem) {
          newFindings += this.findings.record(result.found, clock.now().toISOString());
          foundOpen += this.findings.countOpenIn(source.kind === 'git' ? { repo: source.path } : { path: source.path });
        }
        if (!result.report.problem && source.kind !== 'git') this.findings.resolveGone(source.kind, source.path, result.found, clock.now().toISOString());
        if (!result.report.problem && source.kind === 'git') this.findings.resolveGoneInWorkTree(source.path, result.found.filter((f) => f.sourceKind === 'work-tree'), clock.now().toISOString());
        events.emit({ name: 'leaks.progress', payload: { phase: 'source', done: ++done, total: sources.length, path: source.path } });
      }
    } finally {
      forget(set);
    }
    const report: LeakScanReport = {
      startedAt,
      finishedAt: clock.now().toISOString(),
      trigger: opts.trigger ?? 'manual',
      keysSearched: set.keyIds.length,
      keyProblems: set.problems,
      sources: sourceReports,
      newFindings,
      foundOpen,
      openFindings: this.findings.openCounts().reduce((n, c) => n + c.findings, 0),
      skipRule: SKIP_RULE,
    };
    this.state.saveScan(report);
    events.emit({ name: 'leaks.progress', payload: { phase: 'finished', done: sourceReports.length, total: sourceReports.length, path: null } });
    for (const s of sourceReports) if (s.problem) this.d.logger.warn('leak scan: source skipped', { kind: s.kind, reason: s.problem.reason });
    if (newFindings > 0) this.notify(newFindings);
    this.changed();
    return report;
  }

  private async scanSource(source: Source, set: Awaited<ReturnType<typeof loadSecrets>>): Promise<SourceResult> {
    try {
      const deadlineMs = this.d.git?.sourceDeadlineMs ?? DEFAULT_SOURCE_DEADLINE_MS;
      // A file on a hung network mount: reported at the deadline, the scan moves on (the read itself cannot be cancelled).
      if (source.kind !== 'git') return await withDeadline(scanFile(source, set), deadlineMs);
      const git: GitOptions = { bin: this.d.git?.bin ?? 'git', deadline: Date.now() + deadlineMs };
      const previous = this.state.repo(source.path);
      const hasOpen = (this.d.db.prepare('SELECT 1 FROM leak_findings WHERE repo = ? AND resolved_at IS NULL LIMIT 1').get(source.path) ?? null) !== null;
      const r = await scanRepo(source, set, previous, git, hasOpen);
      const uncommitted = await scanWorkTree(source.path, set, git, r.report);
      r.found.push(...uncommitted);
      r.report.findings += uncommitted.length;
      if (r.pushed) this.findings.markExposed(r.repo, r.pushed);
      this.state.saveRepo(source.path, r.state, this.d.clock.now().toISOString());
      return r;
    } catch (e) {
      const error = e instanceof SourceError ? e : new SourceError(`could not be scanned (${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'})`, 'unreadable');
      return { report: { ...emptyReport(source), problem: { reason: error.reason, message: error.message } }, found: [] as FoundAt[] };
    }
  }

  private notify(n: number): void {
    const entries = this.leakedKeys();
    const first = entries[0];
    this.d.notifier.notify({
      id: LEAK_NOTICE_ID,
      title: `Keydeck found ${n} new leak${n === 1 ? '' : 's'}`,
      body: entries.length === 1 && first ? `"${first.keyName}" was found in ${first.findings} place${first.findings === 1 ? '' : 's'}. Rotate it, then mark the findings resolved.` : `${entries.length} keys were found outside the keychain. Open Leaks to rotate them.`,
      ...(entries.length === 1 && first ? { keyId: first.keyId } : { screen: 'leaks' as const }),
    });
  }

  /** Tells the window and the tray the open findings moved: after our own writes, and after another process's (the change feed). */
  changed(): void {
    this.d.events.emit({ name: 'leaks.changed', payload: { openFindings: this.findings.openCounts().reduce((n, c) => n + c.findings, 0) } });
    this.d.onChange?.();
  }
}
