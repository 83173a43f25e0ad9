import { useVault } from '../store/vault-store';

export const SEARCH_ID = 'key-search';

/** Searches on every keystroke; the store drops answers to superseded queries. */
export function SearchBox() {
  const query = useVault((s) => s.query);
  const setQuery = useVault((s) => s.setQuery);
  return (
    <div className="search">
      <span className="search-icon" aria-hidden="true" />
      <input
        id={SEARCH_ID}
        type="search"
        className="search-input"
        placeholder="Search keys"
        title="Search by name or masked form"
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
            setQuery('');
          }
        }}
      />
      <kbd className="search-kbd" aria-hidden="true">/</kbd>
    </div>
  );
}
