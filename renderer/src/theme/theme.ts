import { themeChoices, type ThemeChoice } from '../../../shared/staff-preferences';

/**
 * Light or dark, by the staff member's choice or the operating system's
 * setting. The choice is a `data-theme` attribute on <html>; the colours are
 * CSS custom properties (styles/base.css), so no component knows the theme.
 * The workstation remembers the last choice for the sign-in screen.
 */
const workstationKey = 'consent-desk.theme';
const darkQuery = '(prefers-color-scheme: dark)';

let choice: ThemeChoice = readWorkstationTheme();
let stopFollowingSystem: (() => void) | null = null;

function readWorkstationTheme(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(workstationKey);
    if (stored && (themeChoices as readonly string[]).includes(stored)) return stored as ThemeChoice;
  } catch {
    // Storage refused: follow the system.
  }
  return 'system';
}

function paint(): void {
  const dark = choice === 'dark' || (choice === 'system' && window.matchMedia(darkQuery).matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export function applyTheme(next: ThemeChoice): void {
  choice = next;
  try {
    window.localStorage.setItem(workstationKey, next);
  } catch {
    // Not remembered on this workstation.
  }
  stopFollowingSystem?.();
  stopFollowingSystem = null;
  if (next === 'system') {
    const query = window.matchMedia(darkQuery);
    query.addEventListener('change', paint);
    stopFollowingSystem = () => query.removeEventListener('change', paint);
  }
  paint();
}

export function currentTheme(): ThemeChoice {
  return choice;
}

/** At startup, before the first render: the workstation's last choice. */
export function applyWorkstationTheme(): void {
  applyTheme(readWorkstationTheme());
}
