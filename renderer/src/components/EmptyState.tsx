import type { ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}

/** Says what is missing and what to do about it, with the button that does it. */
export function EmptyState({ title, children, action }: Props) {
  return (
    <div className="empty-state">
      <div className="empty-state-art" aria-hidden="true">
        <span className="empty-key" />
      </div>
      <h2>{title}</h2>
      <div className="empty-state-text">{children}</div>
      {action ? <div className="empty-state-action">{action}</div> : null}
    </div>
  );
}
