import { AppError } from '../../shared/errors';

/**
 * Text as the store keeps it. SQLite stores UTF-8, and a JavaScript string
 * holding a lone UTF-16 surrogate (half of a pair, `\ud800`) has no UTF-8
 * form: the driver writes U+FFFD instead. Anything hashed before it was
 * stored (an audit event, a document's text) would then never match what
 * is read back. So every string that enters the backend is checked here,
 * once, and refused if it is not well-formed; and it is brought to Unicode
 * Normalization Form C, the one form the store keeps, so that "é" typed as
 * one character and as "e" plus an accent are the same name.
 *
 * Secrets are checked but not normalised: passwords and recovery keys set
 * before this rule must keep opening their key slots byte for byte.
 */
const loneSurrogate = /\p{Cs}/u;
const secretKeys = /^(password|currentPassword|newPassword|recoveryKey)$/;

export function isWellFormedText(text: string): boolean {
  return !loneSurrogate.test(text);
}

/** Replace every lone surrogate with U+FFFD, exactly as SQLite will store the string. */
export function toWellFormedText(text: string): string {
  return isWellFormedText(text) ? text : text.replace(/\p{Cs}/gu, '\uFFFD');
}

function refuse(path: string): never {
  const field = path || 'input';
  const message = 'This text holds a broken character (half of an emoji or symbol). Type it again or paste it from another place.';
  throw new AppError('validation', `${field}: ${message}`, { issues: [{ path: field, message }] });
}

/**
 * A copy of `input` whose strings are all well-formed and in NFC (object
 * keys checked too); throws a validation error naming the first field that
 * is not. Depth-limited, so a deeply nested request cannot exhaust the stack.
 */
export function normaliseInputText(input: unknown): unknown {
  const walk = (value: unknown, path: string, secret: boolean, depth: number): unknown => {
    if (depth > 64) throw new AppError('validation', 'The request is nested too deeply.');
    if (typeof value === 'string') {
      if (!isWellFormedText(value)) refuse(path);
      return secret ? value : value.normalize('NFC');
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, path ? `${path}.${i}` : String(i), secret, depth + 1));
    if (value !== null && typeof value === 'object') {
      // fromEntries defines own properties: a "__proto__" key stays a key, never a prototype.
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => {
          if (!isWellFormedText(key)) refuse(path);
          return [key, walk(item, path ? `${path}.${key}` : key, secret || secretKeys.test(key), depth + 1)];
        }),
      );
    }
    return value;
  };
  return walk(input, '', false, 0);
}
