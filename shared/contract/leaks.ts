import { z } from 'zod';
import { lazySchema } from '../lazy-schema';
import { IdSchema } from '../domain/workspace';

/** The leak finder's wire shapes. Places and counts only: a value or a line's text never crosses. */

export const LEAK_SOURCE_KINDS = ['git', 'work-tree', 'env-file', 'shell-history', 'file'] as const;
export const LEAK_ENCODINGS = ['raw', 'base64', 'base64url', 'url', 'hex'] as const;

export const LeakFindingSchema = lazySchema(() =>
  z.object({
    id: IdSchema,
    keyId: IdSchema,
    /** Null when the key has since been deleted from Keydeck. */
    keyName: z.string().nullable(),
    sourceKind: z.enum(LEAK_SOURCE_KINDS),
    /** The repository's folder (git findings) or null. */
    repo: z.string().nullable(),
    commit: z.string().nullable(),
    /** Path inside the repository, or the file's path. */
    path: z.string(),
    line: z.number().int().positive(),
    encoding: z.enum(LEAK_ENCODINGS),
    /** The commit is on a remote-tracking branch: the secret has left this machine. */
    exposed: z.boolean(),
    firstSeenAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolution: z.enum(['marked', 'rotated', 'gone']).nullable(),
  })
);
export type LeakFinding = z.infer<typeof LeakFindingSchema>;

export const LeakSourceSchema = lazySchema(() => z.object({ path: z.string(), kind: z.enum(['folder', 'file']), addedAt: z.string() }));
export type LeakSource = z.infer<typeof LeakSourceSchema>;

const ProblemSchema = lazySchema(() =>
  z.object({
    reason: z.enum(['not_a_repository', 'corrupt', 'timeout', 'unreadable', 'not_found', 'symlink_loop', 'not_a_file', 'git_failed']),
    message: z.string(),
  })
);

export const LeakSourceReportSchema = lazySchema(() =>
  z.object({
    kind: z.enum(LEAK_SOURCE_KINDS),
    path: z.string(),
    /** Git: blobs whose content was read (an incremental scan reads only the new ones). */
    objectsRead: z.number().int().nonnegative(),
    bytesRead: z.number().int().nonnegative(),
    skippedLarge: z.number().int().nonnegative(),
    skippedBinary: z.number().int().nonnegative(),
    incremental: z.boolean(),
    findings: z.number().int().nonnegative(),
    durationMs: z.number().nonnegative(),
    problem: ProblemSchema.nullable(),
  })
);
export type LeakSourceReport = z.infer<typeof LeakSourceReportSchema>;

export const LeakScanReportSchema = lazySchema(() =>
  z.object({
    startedAt: z.string(),
    finishedAt: z.string(),
    trigger: z.enum(['manual', 'schedule', 'cli']),
    keysSearched: z.number().int().nonnegative(),
    /** Keys the keychain would not give (locked, missing, refused): scanned without them. */
    keyProblems: z.array(z.object({ keyId: IdSchema, keyName: z.string(), message: z.string() })),
    sources: z.array(LeakSourceReportSchema),
    newFindings: z.number().int().nonnegative(),
    /** Open findings in the sources this scan read (old ones included): `keydeck scan` exits 3 when above 0. */
    foundOpen: z.number().int().nonnegative(),
    openFindings: z.number().int().nonnegative(),
    /** The rule for skipped files, stated with every report. */
    skipRule: z.string(),
  })
);
export type LeakScanReport = z.infer<typeof LeakScanReportSchema>;

export const LeakOverviewSchema = lazySchema(() =>
  z.object({
    sources: z.array(LeakSourceSchema),
    running: z.boolean(),
    lastScan: LeakScanReportSchema.nullable(),
    nextScanAt: z.string().nullable(),
  })
);
export type LeakOverview = z.infer<typeof LeakOverviewSchema>;

/** Absolute, or from the home folder: a relative path would mean the app's working folder, which no person chose. */
const PathInput = lazySchema(() =>
  z
    .string()
    .min(1, 'needs a path')
    .max(4096)
    .refine((p) => /^(\/|~(\/|$)|[A-Za-z]:[\\/]|\\\\)/.test(p), 'must be a full path (/… or ~/…)')
    .refine((p) => !p.includes('\u0000'), 'must not contain a NUL character'),
);
export const LeakListInput = lazySchema(() => z.strictObject({ includeResolved: z.boolean().optional() }));
export const LeakSourceInput = lazySchema(() => z.strictObject({ path: PathInput }));
export const LeakScanInput = lazySchema(() =>
  z.strictObject({ paths: z.array(PathInput).max(100).optional(), trigger: z.enum(['manual', 'cli']).optional() })
);

export const LeakProgressSchema = lazySchema(() =>
  z.object({
    phase: z.enum(['started', 'source', 'finished']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    path: z.string().nullable(),
  })
);
