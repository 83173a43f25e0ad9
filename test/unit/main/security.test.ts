import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isAllowedExternalUrl, isAllowedNavigation, isTrustedSender, isTrustedUrl, openableWorkspaceUrls, originOf } from '../../../electron/main/security';
import { resolveAppFile } from '../../../electron/main/app-files';

const trusted = [APP_ORIGIN];

describe('trusted origins', () => {
  it('treats app://keydeck as our origin', () => {
    expect(originOf('app://keydeck/index.html')).toBe('app://keydeck');
    expect(isTrustedUrl('app://keydeck/index.html#/keys', trusted)).toBe(true);
  });
  it.each(['app://evil/index.html', 'https://keydeck/index.html', 'file:///index.html', 'not a url', 'http://localhost:5173/'])('rejects %s', (url) => {
    expect(isTrustedUrl(url, trusted)).toBe(false);
  });
  it('accepts the dev server only when it is listed', () => {
    expect(isTrustedUrl('http://localhost:5173/', [...trusted, 'http://localhost:5173'])).toBe(true);
  });
});

describe('sender frame check', () => {
  const top = { url: 'app://keydeck/index.html', parent: null };
  it('accepts our window top frame showing our page', () => {
    expect(isTrustedSender(top, top, trusted)).toBe(true);
  });
  it('rejects a frame of another window even at our URL', () => {
    expect(isTrustedSender(top, { ...top }, trusted)).toBe(false);
  });
  it('rejects a subframe', () => {
    const child = { url: 'app://keydeck/index.html', parent: top };
    expect(isTrustedSender(child, child, trusted)).toBe(false);
  });
  it('rejects our frame once it navigated elsewhere', () => {
    const moved = { url: 'https://evil.example.com/', parent: null };
    expect(isTrustedSender(moved, moved, trusted)).toBe(false);
  });
  it('rejects a missing frame (destroyed before the call arrived)', () => {
    expect(isTrustedSender(null, top, trusted)).toBe(false);
  });
});

describe('external links and navigation', () => {
  it('opens only https pages of allow-listed hosts', () => {
    expect(isAllowedExternalUrl('https://kernel.asimov.com/settings/security')).toBe(true);
    expect(isAllowedExternalUrl('http://kernel.asimov.com/settings')).toBe(false);
    expect(isAllowedExternalUrl('https://kernel.asimov.com.evil.io/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@kernel.asimov.com/')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });
  it('finding 13: opens a self-hosted token page at the exact origin of a configured workspace, nothing near it', () => {
    const workspaces = ['https://kinesis.mycorp.dev', 'https://asimov.internal.example/api/v1', 'http://localhost:8080'];
    expect(isAllowedExternalUrl('https://kinesis.mycorp.dev/web/pats', workspaces)).toBe(true);
    expect(isAllowedExternalUrl('https://asimov.internal.example/settings/security', workspaces)).toBe(true);
    expect(isAllowedExternalUrl('http://localhost:8080/web/pats', workspaces)).toBe(true);
    expect(isAllowedExternalUrl('http://kinesis.mycorp.dev/web/pats', workspaces)).toBe(false);
    expect(isAllowedExternalUrl('https://kinesis.mycorp.dev:8443/web/pats', workspaces)).toBe(false);
    expect(isAllowedExternalUrl('https://evil.mycorp.dev/web/pats', workspaces)).toBe(false);
    expect(isAllowedExternalUrl('https://u:p@kinesis.mycorp.dev/web/pats', workspaces)).toBe(false);
    expect(isAllowedExternalUrl('http://localhost:9999/', workspaces)).toBe(false);
    expect(isAllowedExternalUrl('https://kinesis.mycorp.dev/web/pats')).toBe(false);
  });
  it('allows navigation only within the app', () => {
    expect(isAllowedNavigation('app://keydeck/index.html', trusted)).toBe(true);
    expect(isAllowedNavigation('https://example.com', trusted)).toBe(false);
  });
});

describe('app:// file mapping', () => {
  const dir = '/opt/keydeck/out/renderer';
  it('maps the root to index.html and assets under the renderer folder', () => {
    expect(resolveAppFile('app://keydeck/', dir)).toBe(`${dir}/index.html`);
    expect(resolveAppFile('app://keydeck/assets/index-1.js', dir)).toBe(`${dir}/assets/index-1.js`);
  });
  it('refuses paths that climb out, other hosts, and encoded traversal', () => {
    // The URL parser resolves dot segments itself, so this one stays inside the folder.
    expect(resolveAppFile('app://keydeck/%2e%2e/%2e%2e/main/index.js', dir)).toBe(`${dir}/main/index.js`);
    expect(resolveAppFile('app://keydeck/..%2F..%2Fmain%2Findex.js', dir)).toBeNull();
    expect(resolveAppFile('app://other/index.html', dir)).toBeNull();
  });
});

describe('token pages a user set on an "Other token" workspace', () => {
  it('open, on their own https origin only; a workspace without one vouches for its base URL alone', () => {
    const origins = openableWorkspaceUrls([
      { baseUrl: 'https://api.github.com', tokenPage: 'https://github.com/settings/tokens' },
      { baseUrl: 'https://internal.example.com' },
    ]);
    expect(origins).toEqual(['https://api.github.com', 'https://github.com/settings/tokens', 'https://internal.example.com']);
    expect(isAllowedExternalUrl('https://github.com/settings/tokens?type=beta', origins)).toBe(true);
    expect(isAllowedExternalUrl('https://gist.github.com/', origins)).toBe(false);
    expect(isAllowedExternalUrl('http://github.com/settings/tokens', origins)).toBe(false);
    expect(isAllowedExternalUrl('https://github.com/settings/tokens', openableWorkspaceUrls([{ baseUrl: 'https://api.github.com' }]))).toBe(false);
  });
});
