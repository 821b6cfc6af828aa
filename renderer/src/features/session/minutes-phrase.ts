/** "1 minute", "5 minutes": the idle time as the staff screens say it. */
export function minutesPhrase(minutes: number): string {
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
