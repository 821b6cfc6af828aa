import fs from 'node:fs';
import path from 'node:path';

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState {
  bounds: WindowBounds;
  maximized: boolean;
}

export const defaultWindowSize = { width: 1280, height: 860 };
export const minimumWindowSize = { width: 900, height: 600 };

function isState(value: unknown): value is SavedWindowState {
  const v = value as SavedWindowState | null;
  const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.maximized === 'boolean' &&
    finite(v.bounds?.x) &&
    finite(v.bounds.y) &&
    finite(v.bounds.width) &&
    finite(v.bounds.height)
  );
}

/**
 * Where the window goes at start: where it was last time, if that place is
 * still on one of the screens now attached (a monitor unplugged since would
 * otherwise open it out of sight), at no less than the minimum size and no
 * more than the screen. Null means "let the system place it".
 */
export function restoreWindowState(saved: unknown, workAreas: readonly WindowBounds[]): SavedWindowState | null {
  if (!isState(saved)) return null;
  const area = workAreas.find((a) => {
    // At least a 100 px square of the title bar region must be on this screen.
    const left = Math.max(a.x, saved.bounds.x);
    const right = Math.min(a.x + a.width, saved.bounds.x + saved.bounds.width);
    const top = Math.max(a.y, saved.bounds.y);
    const bottom = Math.min(a.y + a.height, saved.bounds.y + saved.bounds.height);
    return right - left >= 100 && bottom - top >= 100 && saved.bounds.y >= a.y;
  });
  if (!area) return null;
  const width = Math.min(Math.max(Math.round(saved.bounds.width), minimumWindowSize.width), area.width);
  const height = Math.min(Math.max(Math.round(saved.bounds.height), minimumWindowSize.height), area.height);
  return {
    bounds: {
      x: Math.round(Math.min(Math.max(saved.bounds.x, area.x), area.x + area.width - width)),
      y: Math.round(Math.min(Math.max(saved.bounds.y, area.y), area.y + area.height - height)),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}

/** window-state.json in the data folder: where the window was, nothing else. */
export function windowStateFile(dataDir: string): string {
  return path.join(dataDir, 'window-state.json');
}

export function readWindowState(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: SavedWindowState): void {
  try {
    const partial = `${file}.partial`;
    fs.writeFileSync(partial, `${JSON.stringify(state)}\n`, { mode: 0o600 });
    fs.renameSync(partial, file);
  } catch {
    // Losing the window's place is no reason to fail closing the app.
  }
}
