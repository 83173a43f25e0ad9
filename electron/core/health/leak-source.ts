/**
 * What the health overview needs from the leak finder: open findings per key. The leak finder
 * (`leaks/leak-service.ts`) implements it; a test may compose a stub in its place.
 */
export interface LeakSummarySource {
  openFindingsByKey(): Array<{ keyId: string; findings: number; exposed: boolean }>;
}
