import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimumWindowSize, readWindowState, restoreWindowState, writeWindowState } from './window-bounds';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitorOnTheRight = { x: 1440, y: 0, width: 1920, height: 1080 };

describe('the window’s remembered place', () => {
  it('comes back where it was, on the screen it was on', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(restoreWindowState(saved, [laptop, monitorOnTheRight])).toEqual(saved);
    expect(restoreWindowState({ ...saved, maximized: true }, [laptop, monitorOnTheRight])?.maximized).toBe(true);
  });

  it('is forgotten when that screen is gone, or the file is not ours', () => {
    const onMonitor = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(restoreWindowState(onMonitor, [laptop])).toBeNull();
    for (const junk of [null, 'x', {}, { bounds: { x: 'a' }, maximized: false }, { bounds: { x: 0, y: 0, width: NaN, height: 1 }, maximized: false }]) {
      expect(restoreWindowState(junk, [laptop])).toBeNull();
    }
  });

  it('always lands inside a screen, at least the minimum size, whatever was saved', () => {
    fc.assert(
      fc.property(
        fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }), width: fc.integer({ min: 1, max: 8000 }), height: fc.integer({ min: 1, max: 8000 }) }),
        fc.boolean(),
        (bounds, maximized) => {
          const restored = restoreWindowState({ bounds, maximized }, [laptop, monitorOnTheRight]);
          if (!restored) return;
          const area = [laptop, monitorOnTheRight].find((a) => restored.bounds.x >= a.x && restored.bounds.x + restored.bounds.width <= a.x + a.width);
          expect(area).toBeDefined();
          expect(restored.bounds.y).toBeGreaterThanOrEqual(area!.y);
          expect(restored.bounds.y + restored.bounds.height).toBeLessThanOrEqual(area!.y + area!.height);
          expect(restored.bounds.width).toBeGreaterThanOrEqual(Math.min(minimumWindowSize.width, area!.width));
        },
      ),
    );
  });

  it('is written whole or not at all', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-window-'));
    const file = path.join(dir, 'window-state.json');
    const state = { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: false };
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']);
    fs.writeFileSync(file, '{"bounds":');
    expect(readWindowState(file)).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
