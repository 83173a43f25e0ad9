import { useView } from '../store/view-store';

export const SEARCH_ID = 'key-search';

/** Filters the table in memory on every keystroke: no round trip, so 10,000 keys stay instant. */
export function SearchBox() {
  const query = useView((s) => s.query);
  const setQuery = useView((s) => s.setQuery);
  return (
    <div className="search">
      <span className="search-icon" aria-hidden="true" />
      <input
        id={SEARCH_ID}
        type="search"
        className="search-input"
        placeholder="Search keys"
        title="Search by name, masked form, scope or project"
        aria-label="Search keys"
        aria-keyshortcuts="/"
        data-focus-fallback
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query) {
            e.preventDefault();
            e.stopPropagation();
            setQuery('');
          }
          // ↓ goes from here straight into the results: see use-shortcuts.
        }}
      />
      <kbd className="search-kbd" aria-hidden="true">/</kbd>
    </div>
  );
}
