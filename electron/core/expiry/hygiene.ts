/** A key the health overview flags for the tray and the digest besides expiry: it breaks its workspace's policy, or it leaked. */
export interface FlaggedKey {
  keyId: string;
  keyName: string;
  /** Leaked keys: in how many places, and whether one of them was pushed. */
  findings?: number;
  exposed?: boolean;
}

export interface HygieneFlags {
  overPolicy: FlaggedKey[];
  leaked: FlaggedKey[];
}

/** Where the watcher reads those flags (the health service); absent, expiry alone counts. */
export interface HygieneSource {
  flagged(): HygieneFlags;
}

export const NO_FLAGS: HygieneFlags = { overPolicy: [], leaked: [] };
export const noHygiene: HygieneSource = { flagged: () => NO_FLAGS };
