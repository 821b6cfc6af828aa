import type { ChainVerification } from '../../shared/audit';

/** The audit chain's state in one line. */
export function describeChain(chain: ChainVerification): string {
  return chain.intact
    ? `intact: ${chain.events} events`
    : `broken at event ${chain.firstBadSeq}: ${chain.problem}`;
}
