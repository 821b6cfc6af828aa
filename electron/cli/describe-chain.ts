import type { ChainVerification } from '../../shared/audit';

/** The audit chain's state in one line. */
export function describeChain(chain: ChainVerification): string {
  if (!chain.intact) return `broken at event ${chain.firstBadSeq}: ${chain.problem}`;
  const since = chain.verifiedInFull;
  return since
    ? `intact: ${chain.events} events (1 to ${since.seq} as the full check of ${since.at} verified them; ${chain.events - since.seq} since, walked now)`
    : `intact: ${chain.events} events`;
}
