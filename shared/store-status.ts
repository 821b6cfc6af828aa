import type { ChainVerification } from './audit';

export interface StoreStatus {
  schemaVersion: number;
  cipher: string;
  counts: Record<string, number>;
  auditChain: ChainVerification;
  /** The last full check (null: never run). */
  lastCheck?: StoreCheck | null;
}

/** A full check of the store (`store.check`, `consent-desk check`): what was checked and every problem found. */
export interface StoreCheck {
  at: string;
  ok: boolean;
  /** One sentence per problem, naming what is wrong. */
  problems: string[];
  checked: { pages: boolean; auditEvents: number; storedFiles: number; keySlots: number };
  /** The audit chain's head when this check found the chain intact: where `status` starts its own walk. */
  auditHead?: { seq: number; hash: string };
}
