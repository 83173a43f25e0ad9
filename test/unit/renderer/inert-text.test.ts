import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inertText } from '../../../renderer/src/lib/inert-text';

describe('finding 5 (renderer): bidi overrides in names are shown inert', () => {
  it('escapes overrides, isolates and zero-width characters; keeps real right-to-left text', () => {
    expect(inertText('invoice\u202egpj.exe')).toBe('invoice\\u202egpj.exe');
    expect(inertText('a\u2066b\u2069c\u200bd\ufeff')).toBe('a\\u2066b\\u2069c\\u200bd\\ufeff');
    expect(inertText('מפתח ייצור')).toBe('מפתח ייצור');
    expect(inertText('prod key')).toBe('prod key');
  });

  it('names are isolated in the stylesheet, so their direction cannot reorder neighbours', () => {
    const css = readFileSync(new URL('../../../renderer/src/styles/table.css', import.meta.url), 'utf8');
    expect(css).toMatch(/\.key-name-text,\s*\.key-workspace-name,\s*#detail-title,\s*\.history-summary,\s*\.audit-summary\s*\{\s*unicode-bidi: isolate;/);
  });
});
