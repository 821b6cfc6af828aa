import { useCallback, useLayoutEffect, useState } from 'react';
import type { StaffPreferences } from '../../../../shared/staff-preferences';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';
import { applyLanguage, currentLanguage, workstationLanguage } from '../../i18n/i18n';
import { applyTheme, currentTheme } from '../../theme/theme';
import { useAppState } from '../session/app-state-context';

/**
 * Applies the signed-in staff member's language and theme before the screen
 * paints, so nobody sees a flash of the other language. Someone who never
 * chose a language keeps what the workstation last showed.
 */
export function useSessionPreferences(preferences: StaffPreferences | null | undefined): void {
  useLayoutEffect(() => {
    if (!preferences) return;
    applyLanguage(preferences.language ?? workstationLanguage());
    applyTheme(preferences.theme);
  }, [preferences]);
}

/**
 * Change your own language or theme: applied here at once, then stored by
 * the backend for your next sign-in (audited). If storing fails the choice
 * still holds on this screen, and `problem` says why it was not kept.
 */
export function useChangePreferences() {
  const api = useApi();
  const { state, applyState } = useAppState();
  const [problem, setProblem] = useState<string | null>(null);
  const change = useCallback(
    async (next: Partial<StaffPreferences>) => {
      if (next.language) applyLanguage(next.language);
      if (next.theme) applyTheme(next.theme);
      setProblem(null);
      if (!state.session) return;
      try {
        const preferences = await api['session.setPreferences']({
          ...(next.language ? { language: next.language } : {}),
          ...(next.theme ? { theme: next.theme } : {}),
        });
        if (state.session) applyState({ ...state, session: { ...state.session, preferences } });
      } catch (error) {
        setProblem(messageOf(error));
      }
    },
    [api, state, applyState],
  );
  return { language: currentLanguage(), theme: currentTheme(), change, problem };
}
