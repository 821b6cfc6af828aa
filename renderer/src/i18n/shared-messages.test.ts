import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { reportCallError } from '../components/call-error';
import { issueMessageOf, messageOf } from '../components/error-message';
import { formResolver } from '../components/form-resolver';
import { emptyPatientForm, patientFormSchema } from '../features/patients/patient-form-schema';
import { emptyPostForm, postFormSchema } from '../features/posts/post-form-schema';
import { shared as english } from './en/shared';
import { shared as spanish } from './es/shared';
import { i18n } from './i18n';
import { sharedText, wordIssue } from './shared-messages';

// Vite reads every source file as text at build time (no Node.js APIs in the renderer's tests).
declare global {
  interface ImportMeta {
    glob(pattern: string | string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, string>;
  }
}
const sharedSources = import.meta.glob(['../../../shared/**/*.ts', '!../../../shared/**/*.test.ts'], { query: '?raw', import: 'default', eager: true });
const rendererSources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], { query: '?raw', import: 'default', eager: true });

/** zod's methods whose string argument (or `message`/`error` property) is the message shown beside the field. */
const zodMessageMethods = new Set([
  'min', 'max', 'length', 'nonempty', 'regex', 'refine', 'superRefine', 'email', 'url', 'uuid', 'custom', 'number', 'string', 'union', 'enum',
  'int', 'positive', 'nonnegative', 'gte', 'lte', 'gt', 'lt', 'date', 'boolean', 'array', 'startsWith', 'endsWith', 'includes', 'literal', 'object',
  'addIssue', 'check', 'iso', 'datetime',
]);

const readsAsWords = (text: string) => {
  const t = text.trim();
  return /\p{L}{2,}/u.test(t) && (/\p{L}{2,}\s+\S|\S\s+\p{L}{2,}/u.test(t) || /^\p{Lu}\p{Ll}/u.test(t));
};

/** The text an expression can evaluate to; a template's varying parts read "…". */
function literalTexts(node: ts.Node, templates = true): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return templates ? [[node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…')] : [];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return literalTexts(node.expression, templates);
  if (ts.isConditionalExpression(node)) return [...literalTexts(node.whenTrue, templates), ...literalTexts(node.whenFalse, templates)];
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
    return [...literalTexts(node.left, templates), ...literalTexts(node.right, templates)];
  }
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.flatMap((p) => (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && ['message', 'error'].includes(p.name.text) ? literalTexts(p.initializer, templates) : []));
  }
  if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) return literalTexts(node.body, templates);
  return [];
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

/**
 * Every sentence a file in shared/ can put in a zod issue or a backend
 * issue: zod's message arguments; in a file that uses zod, a sentence passed
 * to any call (a helper such as `optionalText(40, '…')`, `problems.push('…')`);
 * and the message of a `{ path, message }` issue written in full. Issue
 * messages composed from a rule's data (a signer's age, a policy's language)
 * are not sentences a catalogue can hold by their words; they are left out.
 */
export function sharedMessages(file: string, source: string): Finding[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const usesZod = /from 'zod'/.test(source);
  const found: Finding[] = [];
  const add = (node: ts.Node, texts: string[], sentence = false) => {
    for (const text of texts) {
      if (readsAsWords(text) && (!sentence || /[.?!]$/.test(text.trim()))) found.push({ file, line: tree.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && zodMessageMethods.has(callee.name.text)) add(node, node.arguments.flatMap((a) => literalTexts(a)));
      else if (usesZod) {
        const direct = node.arguments.filter((a) => ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a) || ts.isTemplateExpression(a));
        add(node, direct.flatMap((a) => literalTexts(a)), true);
      }
    }
    if (ts.isObjectLiteralExpression(node)) {
      const names = node.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ''));
      if (names.includes('path') && names.includes('message')) add(node, literalTexts(node, false));
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const msgids = Object.keys(english);
/**
 * Whether the catalogue holds a sentence: the very words, a msgid whose
 * `{{…}}` covers the varying part, or (for a template in the source) a msgid
 * for each way the template's "…" can be filled.
 */
function catalogued(text: string): boolean {
  if (msgids.includes(text)) return true;
  if (msgids.some((msgid) => new RegExp(`^${escape(msgid).replace(/\\\{\\\{\w+\\\}\\\}/g, '.+')}$`, 'u').test(text))) return true;
  if (text.includes('…')) {
    const template = new RegExp(`^${escape(text).replace(/…/g, '.+')}$`, 'u');
    return msgids.some((msgid) => template.test(msgid));
  }
  return false;
}

describe('the shared rules’ messages', () => {
  afterEach(() => i18n.changeLanguage('en'));
  const files = Object.entries(sharedSources).map(([path, text]) => [path.replace(/^(\.\.\/)+/, ''), text] as const);

  it('reads every source file of shared/', () => {
    expect(files.length).toBeGreaterThan(60);
    expect(files.some(([file]) => file === 'shared/posts/post.ts')).toBe(true);
  });

  it('all have a Spanish translation, in the shared catalogue (keyed by the English sentence)', () => {
    const findings = files.flatMap(([file, text]) => sharedMessages(file, text));
    // The scan must see the schemas: over a hundred distinct sentences.
    expect(new Set(findings.map((f) => f.text)).size).toBeGreaterThan(120);
    expect(findings.map((f) => f.text)).toEqual(expect.arrayContaining(['Use at most 5,000 characters.', 'Enter your password.', 'Unknown post.', 'Use at most 40 characters.']));
    const missing = [...new Set(findings.filter((f) => !catalogued(f.text)).map((f) => `${f.file}:${f.line} ${f.text}`))];
    expect(missing).toEqual([]);
  });

  it('finds a sentence where it is, and misses a catalogue entry (the check can fail)', () => {
    const sample = `import { z } from 'zod';
      const name = z.string().min(1, 'Name the new thing.').max(9, { message: \`Use at most \${n} characters.\` });
      const helper = optional(40, 'Say it shorter.');
      const issue = { path: 'x', message: 'Tick the missing box.' };
      const key = z.enum(['other'], 'Choose a role.');`;
    const texts = sharedMessages('sample.ts', sample).map((f) => f.text);
    expect(texts).toEqual(['Use at most … characters.', 'Name the new thing.', 'Say it shorter.', 'Tick the missing box.', 'Choose a role.']);
    expect(texts.filter((t) => !catalogued(t))).toEqual(['Name the new thing.', 'Say it shorter.', 'Tick the missing box.']);
  });

  it('keys each English entry by its own words, and translates every one', () => {
    for (const [msgid, text] of Object.entries(english)) {
      expect(text, msgid).toBe(msgid);
      expect(spanish[msgid as keyof typeof spanish], msgid).not.toBe(msgid);
    }
  });

  it('says a known sentence in the screen’s language, numbers included, and leaves an unknown one alone', async () => {
    await i18n.changeLanguage('es');
    expect(sharedText('Unknown post.')).toBe('No se encuentra esta publicación.');
    expect(sharedText('Use at most 5,000 characters.')).toBe('Use como máximo 5000 caracteres.');
    expect(sharedText('Use at most 40,000 characters.')).toBe('Use como máximo 40.000 caracteres.');
    expect(sharedText('Use a date such as 2026-03-14.')).toBe('Escriba una fecha como 2026-03-14.');
    expect(sharedText('Nobody wrote this sentence.')).toBeUndefined();
    // A length rule takes its bound from zod's issue, not from the message.
    expect(wordIssue({ code: 'too_big', origin: 'string', maximum: 100, message: 'Too big: expected string to have <=100 characters' })).toBe('Use como máximo 100 caracteres.');
    expect(wordIssue({ code: 'too_big', origin: 'string', maximum: 300, message: 'Keep each rule under 300 characters.' })).toBe('Mantenga cada norma por debajo de 300 caracteres.');
    expect(wordIssue({ code: 'custom', message: 'Elija un testimonio.' })).toBe('Elija un testimonio.');
    await i18n.changeLanguage('en');
    expect(sharedText('Use at most 5,000 characters.')).toBe('Use at most 5,000 characters.');
  });
});

describe('a Spanish form', () => {
  afterEach(() => i18n.changeLanguage('en'));
  const check = async (schema: Parameters<typeof formResolver>[0], values: object) =>
    (await formResolver(schema)(values, undefined, { fields: {}, shouldUseNativeValidation: false })).errors as Record<string, { message?: string }>;

  it('shows Spanish for a field it borrows from a shared schema (the post’s caption)', async () => {
    const form = { ...emptyPostForm('00000000-0000-4000-8000-000000000000'), channel: 'facebook', caption: 'x'.repeat(5001) };
    await i18n.changeLanguage('es');
    const errors = await check(postFormSchema, form);
    expect(errors.caption?.message).toBe('Use como máximo 5000 caracteres.');
    await i18n.changeLanguage('en');
    expect((await check(postFormSchema, form)).caption?.message).toBe('Use at most 5,000 characters.');
  });

  it('shows Spanish for a form that is a shared schema, and keeps its own Spanish messages as they are', async () => {
    await i18n.changeLanguage('es');
    const patient = await check(patientFormSchema, { ...emptyPatientForm, dateOfBirth: '1850-01-01', phone: 'call me', city: 'x'.repeat(101) });
    expect(patient.firstName?.message).toBe('Escriba el nombre.');
    expect(patient.dateOfBirth?.message).toBe('Revise el año de nacimiento.');
    expect(patient.phone?.message).toBe('Use solo dígitos, espacios y + ( ) - .');
    expect(patient.city?.message).toBe('Use como máximo 100 caracteres.');
    const post = await check(postFormSchema, emptyPostForm());
    expect(post.testimonialId?.message).toBe('Elija un testimonio.');
    expect(post.channel?.message).toBe('Elija dónde aparecerá la publicación.');
  });

  it('is every form: no renderer source calls zodResolver itself', () => {
    const direct = Object.entries(rendererSources).filter(([file, text]) => !file.endsWith('components/form-resolver.ts') && /\bzodResolver\(/.test(text));
    expect(direct.map(([file]) => file)).toEqual([]);
    expect(Object.values(rendererSources).filter((text) => /\bformResolver\(/.test(text)).length).toBeGreaterThan(25);
  });
});

describe('a backend validation error on a Spanish screen', () => {
  afterEach(() => i18n.changeLanguage('en'));
  // As the backend's validationError writes it, from the call's own shared schema.
  const refused = AppError.fromData({
    code: 'validation',
    message: 'caption: Use at most 5,000 characters.',
    issues: [{ path: 'caption', message: 'Use at most 5,000 characters.' }],
  });

  it('puts the shared rule’s sentence in Spanish on the field, and above the form when no field takes it', async () => {
    await i18n.changeLanguage('es');
    const set: Record<string, string | undefined> = {};
    const problem = reportCallError(refused, ((field: string, error: { message?: string }) => (set[field] = error.message)) as never, { caption: 'caption' });
    expect(set).toEqual({ caption: 'Use como máximo 5000 caracteres.' });
    expect(problem).toBeNull();
    expect(messageOf(refused)).toBe('Use como máximo 5000 caracteres.');
    expect(messageOf(new AppError('not_found', 'Unknown post.'))).toBe('No se encuentra esta publicación.');
    // A sentence the catalogue does not hold: the general Spanish one, never the English.
    expect(issueMessageOf({ path: 'x', message: 'Nobody wrote this sentence.' })).toBe(i18n.t('errors:field'));
    await i18n.changeLanguage('en');
    expect(messageOf(refused)).toBe('caption: Use at most 5,000 characters.');
  });
});
