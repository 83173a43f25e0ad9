import { useEffect, useState } from 'react';
import type { ProviderInfo, Workspace } from '../../../shared/domain';
import { client } from '../lib/client';

/** The service's token page, as the core allow-lists it; the shell opens https links in the browser. */
export function useTokenPage(workspace: Workspace, provider: ProviderInfo): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void client.invoke('keys.tokenPage', { workspaceId: workspace.id }).then((r) => {
      if (!live) return;
      if (r.ok) setUrl(r.value.url);
      else if (provider.tokenPage) setUrl(provider.tokenPage.startsWith('/') ? new URL(provider.tokenPage, workspace.baseUrl).toString() : provider.tokenPage);
      // No page at all (an "Other token" workspace without one): say so rather than keep looking.
      else setUrl('');
    });
    return () => {
      live = false;
    };
  }, [workspace, provider]);
  return url;
}

export function TokenPageLink({ url, label }: { url: string | null; label: string }) {
  if (url === '') return <span className="muted">No token page is set for this workspace: use the service’s own settings.</span>;
  if (!url) return <span className="muted">Finding the token page…</span>;
  return (
    <a className="button button-small token-page-link" href={url} target="_blank" rel="noopener noreferrer">
      {label} <span aria-hidden="true">↗</span>
    </a>
  );
}
