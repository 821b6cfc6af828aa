/**
 * Where the patient was in an authorization (how far down, and whether the
 * whole text has been on screen), so that after the idle lock paused patient
 * mode, staff hand the screen back where it was. Only positions: nothing the
 * patient typed or drew is kept while the app is locked.
 */
export interface PatientModePlace {
  scrollY: number;
  allShown: boolean;
}

const places = new Map<string, PatientModePlace>();

export function placeOf(authorizationId: string): PatientModePlace {
  return places.get(authorizationId) ?? { scrollY: 0, allShown: false };
}

export function rememberPlace(authorizationId: string, place: Partial<PatientModePlace>): void {
  places.set(authorizationId, { ...placeOf(authorizationId), ...place });
}

export function forgetPlace(authorizationId: string): void {
  places.delete(authorizationId);
}
