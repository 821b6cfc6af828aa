import packageJson from '../../package.json' with { type: 'json' };

/** This build's version, from package.json (bundled by the Electron build, read by tsx in the CLI). */
export const appVersion: string = packageJson.version;
