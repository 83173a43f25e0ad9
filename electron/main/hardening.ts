import { shell, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl, isAllowedNavigation } from './security';

/** Applied to every WebContents Electron creates, so nothing opened later escapes the rules. */
export function hardenWebContents(
  contents: WebContents,
  trustedOrigins: readonly string[],
  /** The base URLs of the configured workspaces: a self-hosted service's token page is at one of them. */
  workspaceOrigins: () => readonly string[] = () => [],
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, trustedOrigins)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, trustedOrigins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A link to a provider's token page opens in the user's browser; nothing opens inside Keydeck.
    if (isAllowedExternalUrl(url, workspaceOrigins())) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
