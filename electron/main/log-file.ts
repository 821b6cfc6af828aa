import fs from 'node:fs';
import path from 'node:path';

export interface LogFileOptions {
  /** Rotate when the file would grow past this. */
  maxBytes?: number;
  /** Rotated files kept beside it (consent-desk.1.log is the newest). */
  keep?: number;
  now?: () => Date;
}

/**
 * The desktop shell's log: one line per event (start, backend restarts,
 * window crashes), in logs/ inside the data folder, readable by its owner
 * only. Callers hand it fixed sentences, event names and error class names,
 * never messages that could carry patient data. Rotates by size, keeping a
 * few old files, so it never grows without bound.
 */
export function createLogFile(dir: string, options: LogFileOptions = {}): (line: string) => void {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  const file = path.join(dir, 'consent-desk.log');
  const rotated = (n: number) => path.join(dir, `consent-desk.${n}.log`);

  return (line) => {
    const entry = `${now().toISOString()} ${line.replace(/[\r\n]+/g, ' ')}\n`;
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      if (size > 0 && size + Buffer.byteLength(entry) > maxBytes) {
        fs.rmSync(rotated(keep), { force: true });
        for (let n = keep - 1; n >= 1; n--) if (fs.existsSync(rotated(n))) fs.renameSync(rotated(n), rotated(n + 1));
        fs.renameSync(file, rotated(1));
      }
      fs.appendFileSync(file, entry, { mode: 0o600 });
    } catch {
      // A full disk or a read-only folder must not take the app down with it.
    }
  };
}
