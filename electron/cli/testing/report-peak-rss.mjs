// Loaded with `node --import` before the CLI in a test: on exit, write the
// process's peak resident memory (bytes) to $CONSENT_DESK_PEAK_RSS_FILE.
import fs from 'node:fs';

const file = process.env.CONSENT_DESK_PEAK_RSS_FILE;
if (file) process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
