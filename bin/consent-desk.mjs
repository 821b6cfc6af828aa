#!/usr/bin/env node
// The `consent-desk` command. The CLI is TypeScript run through tsx (a
// runtime dependency), so it works right after `npm ci` with no build step.
// tsImport loads the entry with tsx's loader scoped to it, leaving the rest
// of this Node.js process untouched.
import { tsImport } from 'tsx/esm/api';

await tsImport('../electron/cli/main.ts', import.meta.url);
