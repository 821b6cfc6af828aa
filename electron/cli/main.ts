import { processIo } from './cli-io';
import { runCli } from './run-cli';

/** Entry point of `consent-desk` (see bin/consent-desk.mjs). */
process.exitCode = await runCli(process.argv.slice(2), processIo);
