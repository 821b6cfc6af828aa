/**
 * Backend failures by error code (shared/errors.ts). English shows the
 * backend's own sentence, which is more specific; these are what other
 * languages show, and the English fallback for failures without one.
 */
export const errors = {
  field: 'This value cannot be used. Check it and try again.',
  unknown: 'Something went wrong. Try again; if it keeps happening, restart Consent Desk.',
  codes: {
    validation: 'Some of what you entered cannot be used. Check the highlighted fields and try again.',
    unauthorized: 'The username, password or key is not right, or you are no longer signed in.',
    forbidden: 'Your role does not allow this. If you need to, ask an administrator.',
    not_found: 'This record no longer exists or was never there.',
    conflict: 'This record changed or cannot change any more (for example, it is already signed). Reload it and try again.',
    locked: 'Consent Desk locked. Sign in again to continue.',
    throttled_one: 'Too many attempts. Wait {{count}} second and try again.',
    throttled_other: 'Too many attempts. Wait {{count}} seconds and try again.',
    store_missing: 'There is no data store in this folder yet.',
    store_damaged: 'The data store is damaged. An administrator can restore it from a backup.',
    store_too_new: 'The data store was written by a newer version of Consent Desk. Install the newer version to open it.',
    internal: 'Something went wrong. Try again; if it keeps happening, restart Consent Desk.',
    storage_unavailable: 'The disk is full or cannot be written to: nothing was saved. Free some space or ask your IT contact.',
    store_rolled_back: 'The data store is older than the one last used here. An administrator must accept it before anyone can sign in.',
    server_unreachable: 'The practice server cannot be reached. Nothing was saved; check the network and try again.',
    server_untrusted: 'The server that answered could not prove it is the practice’s server (its certificate is not the one set up here). Nothing was sent to it; ask whoever set up the server.',
  },
} as const;
