/**
 * JSON written as it is produced: an object whose last member is an array,
 * printed element by element, with exactly the bytes that
 * `JSON.stringify({ ...head, [key]: rows }, null, 2) + '\n'` prints, so
 * scripts reading `consent-desk ... --json` see no difference while the
 * command holds one chunk of rows, not the whole store.
 */
export class JsonArrayWriter {
  private count = 0;

  /** `head`'s members come first, in their order; `key` must not be one of them. */
  constructor(
    private readonly write: (text: string) => Promise<void>,
    private readonly head: Record<string, unknown>,
    private readonly key: string,
  ) {
    if (Object.hasOwn(head, key)) throw new Error(`"${key}" is both a head member and the array.`);
  }

  /** Write the next element. */
  async push(row: unknown): Promise<void> {
    const element = JSON.stringify(row, null, 2);
    // Members JSON.stringify drops (undefined, functions) as elements become null.
    const text = `    ${(element ?? 'null').replace(/\n/g, '\n    ')}`;
    await this.write(this.count === 0 ? `${this.opening()}\n${text}` : `,\n${text}`);
    this.count += 1;
  }

  /** Close the array and the object. */
  async end(): Promise<void> {
    await this.write(this.count === 0 ? `${this.opening()}]\n}\n` : '\n  ]\n}\n');
  }

  /** The object up to the array's opening bracket. */
  private opening(): string {
    const members = Object.entries(this.head)
      .map(([name, value]) => [name, JSON.stringify(value, null, 2)] as const)
      .filter(([, json]) => json !== undefined)
      .map(([name, json]) => `  ${JSON.stringify(name)}: ${json!.replace(/\n/g, '\n  ')},\n`);
    return `{\n${members.join('')}  ${JSON.stringify(this.key)}: [`;
  }
}
