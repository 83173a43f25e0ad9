import { describe, expect, it, vi } from 'vitest';
import type { ExpiryEntry, ExpiryStatus } from '../../../shared/domain';
import { trayModel, TRAY_MAX_ITEMS } from '../../../electron/core/expiry/tray-model';
import { digestFor, noticeFor } from '../../../electron/core/expiry/notices';

const electron = vi.hoisted(() => {
  const made: Array<{ opts: { title: string; body: string }; shown: boolean; closed: boolean; handlers: Map<string, () => void> }> = [];
  class Notification {
    static isSupported = () => true;
    record: (typeof made)[number];
    constructor(opts: { title: string; body: string }) {
      this.record = { opts, shown: false, closed: false, handlers: new Map() };
      made.push(this.record);
    }
    on(event: string, fn: () => void) {
      this.record.handlers.set(event, fn);
    }
    show() {
      this.record.shown = true;
    }
    close() {
      this.record.closed = true;
      this.record.handlers.get('close')?.();
    }
  }
  return { made, Notification };
});
vi.mock('electron', () => ({ Notification: electron.Notification }));

const { trayMenuTemplate } = await import('../../../electron/main/tray-menu');
const { ElectronNotifier } = await import('../../../electron/main/notifier');

const now = new Date('2026-11-23T12:00:00Z');
const entry = (over: Partial<ExpiryEntry>): ExpiryEntry => ({
  keyId: 'k_1', keyName: 'ci-deploy', provider: 'kernel-sh', workspaceName: 'Acme', environment: 'prod', tier: 'warn_3d', severity: 2,
  deadline: '2026-11-25T12:00:00.000Z', validFrom: null, createdAt: '2026-01-01T00:00:00.000Z', snoozed: false, ...over,
});
const status = (entries: ExpiryEntry[]): ExpiryStatus => ({ checkedAt: now.toISOString(), attentionCount: entries.filter((e) => e.severity > 0 && !e.snoozed).length, entries });

describe('tray model (pure function of the watcher state)', () => {
  it('counts keys needing attention and names the most urgent', () => {
    const m = trayModel(status([entry({}), entry({ keyId: 'k_2', keyName: 'old', tier: 'expired', severity: 4, deadline: '2026-11-20T12:00:00.000Z' }), entry({ keyId: 'k_3', keyName: 'fine', tier: 'ok', severity: 0 })]), now);
    expect(m.badgeCount).toBe(2);
    expect(m.tooltip).toBe('Keydeck — 2 keys need attention');
    expect(m.items.map((i) => i.label)).toEqual(['Acme (prod) · ci-deploy — expires in 2 days', 'Acme (prod) · old — expired 3 days ago']);
  });

  it('keeps snoozed keys listed but out of the badge', () => {
    const m = trayModel(status([entry({ snoozed: true })]), now);
    expect(m.badgeCount).toBe(0);
    expect(m.items[0]?.label).toMatch(/\(snoozed\)$/);
  });

  it('lists at most a handful and says how many more', () => {
    const many = Array.from({ length: TRAY_MAX_ITEMS + 3 }, (_, i) => entry({ keyId: `k_${i}`, keyName: `key-${i}` }));
    const m = trayModel(status(many), now);
    expect(m.items).toHaveLength(TRAY_MAX_ITEMS);
    expect(m.moreCount).toBe(3);
  });
});

describe('tray menu (native template from the model)', () => {
  const actions = { openWindow: vi.fn(), openKey: vi.fn(), copySecret: vi.fn(), checkNow: vi.fn(), quit: vi.fn() };

  it('gives each urgent key Rotate, Copy secret and Open, then the app items', () => {
    const template = trayMenuTemplate(trayModel(status([entry({})]), now), actions);
    expect(template.map((i) => i.label ?? i.type)).toEqual(['1 key needs attention', 'separator', 'Acme (prod) · ci-deploy — expires in 2 days', 'separator', 'Open Keydeck', 'Check now', 'separator', 'Quit Keydeck']);
    const sub = template[2]!.submenu as Array<{ label: string; click: () => void }>;
    expect(sub.map((s) => s.label)).toEqual(['Rotate…', 'Copy secret', 'Open']);
    sub[0]!.click();
    sub[1]!.click();
    expect(actions.openKey).toHaveBeenCalledWith('k_1', 'rotate');
    expect(actions.copySecret).toHaveBeenCalledWith('k_1');
  });

  it('with nothing to warn about, shows only the app items', () => {
    const template = trayMenuTemplate(trayModel(status([]), now), actions);
    expect(template.map((i) => i.label ?? i.type)).toEqual(['no keys need attention', 'separator', 'Open Keydeck', 'Check now', 'separator', 'Quit Keydeck']);
    (template.find((i) => i.label === 'Check now')!.click as () => void)();
    expect(actions.checkNow).toHaveBeenCalled();
  });
});

describe('notification payloads and the native notifier', () => {
  it('words a notice from the entry, with no secret and a stable id', () => {
    expect(noticeFor(entry({}), now)).toEqual({
      id: 'expiry:k_1',
      keyId: 'k_1',
      title: 'ci-deploy · Acme (prod) expires in 2 days',
      body: 'This Kernel key stops working on 2026-11-25 12:00 UTC. Rotate it now; click to open it in Keydeck.',
    });
    expect(noticeFor(entry({ tier: 'expired', severity: 4, deadline: '2026-11-22T12:00:00.000Z' }), now).body).toMatch(/^This Kernel key stopped working/);
  });

  it('digest summarises, or is nothing when all is well', () => {
    expect(digestFor(status([]))).toBeNull();
    expect(digestFor(status([entry({}), entry({ keyId: 'k_2', tier: 'expired', severity: 4 })]))?.title).toBe('2 keys need attention: 1 expired, 1 expiring soon');
  });

  it('replaces a key\'s notification instead of stacking, and routes clicks to the key', () => {
    const clicked = vi.fn();
    const n = new ElectronNotifier(clicked);
    n.notify(noticeFor(entry({}), now));
    n.notify(noticeFor(entry({ tier: 'warn_1d', severity: 3, deadline: '2026-11-24T06:00:00.000Z' }), now));
    expect(electron.made.map((m) => [m.shown, m.closed])).toEqual([[true, true], [true, false]]);
    electron.made[1]!.handlers.get('click')!();
    expect(clicked).toHaveBeenCalledWith(expect.objectContaining({ keyId: 'k_1' }));
    n.withdraw('expiry:k_1');
    expect(electron.made[1]!.closed).toBe(true);
  });
});
