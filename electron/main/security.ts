/**
 * The shell's security decisions as plain functions of their inputs, so each one is unit
 * tested without Electron. The installers in hardening.ts only attach them.
 */

import { isLoopbackHost } from '../../shared/domain/url';

export const APP_SCHEME = 'app';
export const APP_HOST = 'keydeck';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Hosts the user may be sent to for guided token flows; https only. Self-hosted services
 * (Kinesis, a self-hosted Asimov) are allowed by the origin of a workspace's own base URL instead.
 */
export const EXTERNAL_ALLOW_LIST = ['kernel.asimov.com', 'dashboard.onkernel.com', 'app.kernle.ai'];

export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // app:// is a registered standard scheme in Electron but Node's URL reports its origin as "null".
    return u.protocol === `${APP_SCHEME}:` ? `${APP_SCHEME}://${u.host}` : u.origin;
  } catch {
    return null;
  }
}

/** Only our own page, at our own origin (or the dev server's in `npm run dev`), may call the core. */
export function isTrustedUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && trustedOrigins.includes(origin);
}

export interface FrameLike {
  url: string;
  parent: unknown;
}

/** The sender must be the top frame of our window (no iframe, no other window) showing our page. */
export function isTrustedSender(frame: FrameLike | null | undefined, expectedFrame: unknown, trustedOrigins: readonly string[]): boolean {
  if (!frame || frame !== expectedFrame || frame.parent) return false;
  return isTrustedUrl(frame.url, trustedOrigins);
}

/**
 * Whether a link may open in the user's browser: https on the fixed allow-list, or a page at the
 * exact origin of a workspace the user configured (its token page lives there). Plain http only
 * for such a workspace origin, which the workspace form accepts for loopback hosts alone: the page
 * is on the user's own machine, where the service itself is already reached over http.
 */
/**
 * The URLs whose origins a workspace vouches for: its base URL, and a token page the user set on it
 * ("Other token": github.com/settings/tokens) — the user chose that page, so it is theirs to open.
 */
export function openableWorkspaceUrls(workspaces: ReadonlyArray<{ baseUrl: string; tokenPage?: string | undefined }>): string[] {
  return workspaces.flatMap((w) => (w.tokenPage ? [w.baseUrl, w.tokenPage] : [w.baseUrl]));
}

export function isAllowedExternalUrl(url: string, workspaceOrigins: readonly string[] = []): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === 'https:' && EXTERNAL_ALLOW_LIST.includes(u.hostname)) return true;
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopbackHost(u.hostname))) return false;
  return workspaceOrigins.some((o) => originOf(o) === u.origin);
}

/** Navigation inside the window is never needed: the app is a single page. */
export function isAllowedNavigation(url: string, trustedOrigins: readonly string[]): boolean {
  return isTrustedUrl(url, trustedOrigins);
}
