import { useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Workspace } from '../../../shared/domain';
import type { Indexed, Sort } from '../lib/filter';
import { useCssHeight, useVirtualRows } from '../lib/use-virtual-rows';
import { useView } from '../store/view-store';
import { KeyRow } from './KeyRow';

/** Matches `.key-row { height }` in table.css: the virtualizer's arithmetic depends on it. */
export const ROW_HEIGHT = 52;

interface Props {
  items: Indexed[];
  workspaces: Workspace[];
  narrow: boolean;
  /** Inside a workspace view: the workspace column says nothing there. */
  inWorkspace: boolean;
  /**
   * Shown under the header while no row matches. The table stays mounted through "no match"
   * and back, so the next keystroke updates rows in place instead of building the table again.
   */
  empty?: ReactNode;
}

const COLUMNS: Array<{ label: string; sort?: Sort['by']; className: string }> = [
  { label: 'Name', sort: 'name', className: 'col-name' },
  { label: 'Workspace', sort: 'service', className: 'col-service' },
  { label: 'Key', className: 'col-masked' },
  { label: 'Status', sort: 'status', className: 'col-status' },
  { label: 'Expires', sort: 'expires', className: 'col-expires' },
];

let firstRenderMarked = false;

/** Only the rows on screen are in the DOM; spacer rows stand in for the rest. */
export function KeyTable({ items, workspaces, narrow, inWorkspace, empty }: Props) {
  const byWorkspace = useMemo(() => new Map(workspaces.map((w) => [w.id, w])), [workspaces]);
  const sort = useView((s) => s.sort);
  const sortBy = useView((s) => s.sortBy);
  const selectedKeyId = useView((s) => s.selectedKeyId);
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLTableRowElement>(null);
  const bottom = useRef<HTMLTableRowElement>(null);
  const { start, end, before, after, scrollToIndex } = useVirtualRows(scroller, items.length, ROW_HEIGHT, 4);
  useCssHeight(top, before);
  useCssHeight(bottom, after);
  // One clock reading per render keeps every row's "in 3 days" consistent.
  const now = Math.floor(Date.now() / 60_000) * 60_000;

  // The selected key stays in view when it moves (keyboard, a tray "Open").
  const selectedIndex = selectedKeyId ? items.findIndex((i) => i.key.id === selectedKeyId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) scrollToIndex(selectedIndex);
  }, [selectedIndex, scrollToIndex]);

  useLayoutEffect(() => {
    // Cheap, and what the UI benchmark (test/bench/ui.ts) waits for after each keystroke.
    performance.mark('keydeck:table-commit');
    if (!firstRenderMarked && items.length > 0) {
      firstRenderMarked = true;
      performance.mark('keydeck:table-first-render');
    }
  });

  return (
    <div className={`table-wrap${items.length === 0 ? ' is-empty' : ''}`} ref={scroller} tabIndex={-1}>
      <table className={`key-table${narrow ? ' is-narrow' : ''}${inWorkspace ? ' in-workspace' : ''}`} aria-rowcount={items.length + 1}>
        <caption className="visually-hidden">Keys, {items.length} rows</caption>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col" className={c.className} aria-sort={c.sort && sort.by === c.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                {c.sort ? (
                  <button type="button" className="sort-button" onClick={() => sortBy(c.sort!)}>
                    {c.label}
                    <span className="sort-arrow" aria-hidden="true">{sort.by === c.sort ? (sort.dir === 'asc' ? '▲' : '▼') : ''}</span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {before > 0 ? (
            <tr ref={top} className="spacer-row" aria-hidden="true">
              <td colSpan={6} />
            </tr>
          ) : null}
          {items.slice(start, end).map((item, i) => (
            <KeyRow
              // Keyed by position, not by key: a keystroke that changes which keys are on screen updates
              // the same ~20 rows in place instead of unmounting and mounting them.
              key={start + i}
              item={item}
              index={start + i}
              workspace={item.key.workspaceId ? byWorkspace.get(item.key.workspaceId) ?? null : null}
              selected={item.key.id === selectedKeyId}
              now={now}
            />
          ))}
          {after > 0 ? (
            <tr ref={bottom} className="spacer-row" aria-hidden="true">
              <td colSpan={6} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {items.length === 0 ? empty : null}
    </div>
  );
}
