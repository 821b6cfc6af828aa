/** The recovery key as `init` and `demo` print it: once, with what it is for. */
export function recoveryKeyNotice(recoveryKey: string): string {
  return [
    '',
    'Recovery key:',
    '',
    `    ${recoveryKey}`,
    '',
    'Store this key now: print it or keep it in a password manager, away from this computer.',
    'Without a staff password or this key, nobody can read the data, not even the vendor.',
    'It is not shown again.',
    '',
  ].join('\n');
}
