import { PROVIDER_IDS, type ProviderId } from '../../../shared/domain';
import { hasFilters } from '../lib/filter';
import { STATUS_FILTER_LABELS, STATUS_FILTERS, type StatusFilter } from '../lib/status';
import { FilterField } from './FilterField';
import { useVault } from '../store/vault-store';
import { useView } from '../store/view-store';

const WITHIN = [1, 3, 7, 14, 30, 90];

/** Service, status and "expiring within" filters; the workspace filter is the sidebar. */
export function FilterBar() {
  const providers = useVault((s) => s.providers);
  const view = useView();
  const active = hasFilters(view);
  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <FilterField label="Service">
        {(fid) => (
        <select id={fid} value={view.provider ?? ''} onChange={(e) => view.setProvider((e.target.value || null) as ProviderId | null)}>
          <option value="">All services</option>
          {PROVIDER_IDS.map((id) => (
            <option key={id} value={id}>
              {providers.find((p) => p.id === id)?.label ?? id}
            </option>
          ))}
        </select>
        )}
      </FilterField>
      <FilterField label="Status">
        {(fid) => (
        <select id={fid} value={view.status ?? ''} onChange={(e) => view.setStatus((e.target.value || null) as StatusFilter | null)}>
          <option value="">Any status</option>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {STATUS_FILTER_LABELS[s]}
            </option>
          ))}
        </select>
        )}
      </FilterField>
      <FilterField label="Expiring within">
        {(fid) => (
        <select id={fid} value={view.expiringWithinDays ?? ''} onChange={(e) => view.setExpiringWithin(e.target.value ? Number(e.target.value) : null)}>
          <option value="">Any time</option>
          {WITHIN.map((d) => (
            <option key={d} value={d}>
              {d} {d === 1 ? 'day' : 'days'}
            </option>
          ))}
        </select>
        )}
      </FilterField>
      <label className="filter filter-check">
        <input type="checkbox" checked={view.showRevoked} onChange={(e) => view.setShowRevoked(e.target.checked)} />
        Show revoked
      </label>
      {active ? (
        <button type="button" className="button button-small button-quiet" onClick={view.clearFilters}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
