import { describe, expect, it } from 'vitest';
import { textSha256 } from './text-hash';

describe('the hash the signature carries', () => {
  it('is the SHA-256 of the document’s canonical text, in lowercase hex', async () => {
    const hash = await textSha256({
      title: 'Title',
      language: 'en',
      templateVersion: 1,
      blocks: [
        { kind: 'paragraph', text: 'Intro.' },
        { kind: 'heading', text: 'Heading' },
        { kind: 'paragraph', text: 'Body.' },
        { kind: 'list', items: ['one', 'two'] },
      ],
    });
    // printf 'Title\n\nIntro.\n\nHeading\nBody.\n\n- one\n- two\n' | sha256sum
    expect(hash).toBe('0d171d871a0fb4d921a9e27d9ae73f8f3b66f3ffb56bf0c65e2e2068bcd1b3fc');
  });
});
