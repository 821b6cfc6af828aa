import type { PostState } from './post';

/**
 * States in which a post is live on its channel. "Take-down required" is a
 * published post whose consent stopped covering it (the backend moves it
 * there at the moment of revocation or expiry, and at every sign-in): it is
 * still out there until someone records that it came down. A module of its
 * own, with no imports to run, so the CLI can name it without loading more.
 */
export const livePostStates: readonly PostState[] = ['published', 'takedown_required'];
