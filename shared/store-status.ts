import type { ChainVerification } from './audit';

export interface StoreStatus {
  schemaVersion: number;
  cipher: string;
  counts: Record<string, number>;
  auditChain: ChainVerification;
}
