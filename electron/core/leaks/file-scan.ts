import type { LeakSourceReport } from '../../../shared/contract/leaks';
import type { FoundAt } from './findings-repo';
import { SourceError } from './git';
import { hitsIn, isBinary, MAX_FILE_BYTES } from './content-scan';
import type { SecretSet } from './secret-set';
import { fsError, fsp, type Source } from './sources';

export interface SourceResult {
  report: LeakSourceReport;
  found: FoundAt[];
}

export function emptyReport(source: Source): LeakSourceReport {
  return { kind: source.kind, path: source.path, objectsRead: 0, bytesRead: 0, skippedLarge: 0, skippedBinary: 0, incremental: false, findings: 0, durationMs: 0, problem: null };
}

/** One file (a `.env`, a shell history, an extra file): read whole, within the size rule. */
export async function scanFile(source: Source, set: SecretSet): Promise<SourceResult> {
  const report = emptyReport(source);
  let fh;
  try {
    fh = await fsp().open(source.path, 'r');
  } catch (e) {
    throw fsError(e, source.path);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new SourceError(`${source.path} is not a regular file; it is not read`, 'not_a_file');
    if (st.size > MAX_FILE_BYTES) {
      report.skippedLarge = 1;
      return { report, found: [] };
    }
    const content = await fh.readFile();
    report.bytesRead = content.length;
    report.objectsRead = 1;
    if (isBinary(content)) {
      report.skippedBinary = 1;
      return { report, found: [] };
    }
    const found = hitsIn(content, set).map((h): FoundAt => ({ keyId: h.keyId, sourceKind: source.kind, repo: '', commit: '', path: source.path, line: h.line, encoding: h.encoding, exposed: false }));
    report.findings = found.length;
    return { report, found };
  } catch (e) {
    throw e instanceof SourceError ? e : fsError(e, source.path);
  } finally {
    await fh.close();
  }
}
