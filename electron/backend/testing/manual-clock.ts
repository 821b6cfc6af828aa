/** A clock a test moves by hand, for the backend's `now` option. */
export function manualClock(start = '2026-03-02T09:00:00.000Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    set: (iso: string) => (now = Date.parse(iso)),
    advance: (ms: number) => (now += ms),
  };
}
