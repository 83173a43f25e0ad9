import { useEffect, useState } from 'react';
import { client } from './client';

/** Open leak findings, for the sidebar: read once, then kept current by the finder's own event. */
export function useOpenLeaks(): number {
  const [open, setOpen] = useState(0);
  useEffect(() => {
    let live = true;
    void client.invoke('leaks.list', {}).then((r) => {
      if (live && r.ok) setOpen(r.value.length);
    });
    const off = client.on('leaks.changed', ({ openFindings }) => setOpen(openFindings));
    return () => {
      live = false;
      off();
    };
  }, []);
  return open;
}
