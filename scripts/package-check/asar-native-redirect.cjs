// Loaded with `node --require` into processes that run the extracted
// packaged app. It does what Electron's asar support does for native
// addons: a .node file requested from inside app.asar is loaded from
// app.asar.unpacked instead, so the dynamic loader resolves the addon's
// RUNPATH ($ORIGIN/...) in the unpacked tree, exactly as in the installed
// app. A library left packed inside the asar is then as missing here as it
// would be there.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('node:module');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const path = require('node:path');

const asarRoot = process.env.CONSENT_DESK_CHECK_ASAR_ROOT;
const unpackedRoot = process.env.CONSENT_DESK_CHECK_UNPACKED_ROOT;
if (asarRoot && unpackedRoot) {
  const loadNative = Module._extensions['.node'];
  Module._extensions['.node'] = (module, filename) => {
    const relative = path.relative(asarRoot, filename);
    const inside = relative && !relative.startsWith('..') && !path.isAbsolute(relative);
    return loadNative(module, inside ? path.join(unpackedRoot, relative) : filename);
  };
}
