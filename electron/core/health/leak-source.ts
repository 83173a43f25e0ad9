/**
 * What the health overview needs from the leak finder: open findings per key. The leak finder
 * implements it; until it is composed in, `noLeakSource` answers "no findings".
 */
export interface LeakSummarySource {
  openFindingsByKey(): Array<{ keyId: string; findings: number; exposed: boolean }>;
}

export const noLeakSource: LeakSummarySource = {
  openFindingsByKey: () => [],
};
