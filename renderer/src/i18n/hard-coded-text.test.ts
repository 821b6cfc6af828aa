import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Vite reads every source file as text at build time (no Node.js APIs in the renderer's tests).
declare global {
  interface ImportMeta {
    glob(pattern: string | string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, string>;
  }
}
const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx', '!./**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/**
 * Literals that look like English but nobody reads as the UI's words. Each
 * entry is a file (relative to renderer/src) and the exact text, with why.
 */
const notUserFacing: readonly { file: string; text: string; why: string }[] = [
  { file: 'api/http-transport.ts', text: 'The development host did not answer. Is it still running?', why: 'an AppError message: messageOf shows the code’s translated sentence outside English' },
  { file: 'features/patient-mode/SignaturePad.tsx', text: 'The signature box is not ready.', why: 'a programming error (thrown before the pad mounts), never shown' },
  { file: 'features/patient-mode/typed-signature-image.ts', text: 'This screen cannot draw the typed signature.', why: 'a programming error (no 2D canvas), never shown' },
  { file: 'features/wording/sample-document.ts', text: 'Ana Sample', why: 'a made-up person’s name in the sample document, not the UI’s words' },
];

/** Props whose text a person reads or hears. */
const textProps = new Set([
  'label', 'hint', 'hintSuffix', 'legend', 'title', 'aria-label', 'aria-description', 'placeholder', 'alt', 'description',
  'heading', 'caption', 'itemLabel', 'addLabel', 'removeLabel', 'message', 'confirmLabel', 'cancelLabel', 'submitLabel', 'busyLabel',
  'emptyText', 'empty', 'summary', 'where', 'text', 'prompt', 'question', 'noun', 'name',
]);
/** Calls that put text on screen: outcome and problem messages, dialog results. */
const textCalls = /^(set\w*(Message|Problem|Error|Errors|Outcome|Saved|Changed|Status|Notice|Result|Done)|on[A-Z]\w*|applied|announce|done|report)$/;
/** zod's methods whose string argument is the message shown beside the field. */
const zodMessageMethods = new Set([
  'min', 'max', 'length', 'nonempty', 'regex', 'refine', 'email', 'url', 'uuid', 'custom', 'number', 'string', 'union', 'enum',
  'int', 'positive', 'nonnegative', 'gte', 'lte', 'gt', 'lt', 'date', 'boolean', 'array', 'startsWith', 'endsWith', 'includes',
]);

/** Text that reads as words: a capital letter or a space between letters (catalogue keys and values such as 'other' do not). */
function readsAsWords(text: string): boolean {
  const trimmed = text.trim();
  if (!/\p{L}{2,}/u.test(trimmed)) return false;
  return /\p{L}{2,}\s+\S|\S\s+\p{L}{2,}/u.test(trimmed) || /^\p{Lu}\p{Ll}/u.test(trimmed);
}

/** The literal text an expression can evaluate to: both sides of ?: and ??, each literal of a template. */
function literalTexts(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [[node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…')];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return literalTexts(node.expression);
  if (ts.isConditionalExpression(node)) return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)];
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
    return [...literalTexts(node.left), ...literalTexts(node.right)];
  }
  if (ts.isJsxExpression(node) && node.expression) return literalTexts(node.expression);
  if (ts.isObjectLiteralExpression(node)) {
    // setProblem({ message: '…' }), setErrors({ decision: '…' }): the object's text values.
    return node.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? literalTexts(p.initializer) : []));
  }
  if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) return literalTexts(node.body);
  return [];
}

function calleeName(call: ts.CallExpression): string {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

/** Whether a call is part of a chain that starts at `z.` (z.string().min(…), draft.caption.refine(…) included). */
function isZodCall(call: ts.CallExpression): boolean {
  return ts.isPropertyAccessExpression(call.expression) && zodMessageMethods.has(call.expression.name.text);
}

function propName(name: ts.PropertyName | ts.JsxAttributeName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isJsxNamespacedName(name)) return `${name.namespace.text}:${name.name.text}`;
  return '';
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Every user-visible English literal in one file. */
export function englishLiterals(file: string, source: string): Finding[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Finding[] = [];
  const add = (node: ts.Node, texts: string[]) => {
    for (const text of texts) {
      if (readsAsWords(text)) found.push({ file, line: tree.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) add(node, [node.text]);
    else if (ts.isJsxAttribute(node) && node.initializer && textProps.has(propName(node.name))) add(node, literalTexts(node.initializer));
    else if (ts.isPropertyAssignment(node) && textProps.has(propName(node.name))) add(node, literalTexts(node.initializer));
    else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) add(node, literalTexts(node.expression));
    else if (ts.isCallExpression(node) && (textCalls.test(calleeName(node)) || isZodCall(node))) add(node, node.arguments.flatMap(literalTexts));
    else if (ts.isReturnStatement(node) && node.expression) add(node, literalTexts(node.expression));
    else if (
      ts.isBinaryExpression(node) &&
      [ts.SyntaxKind.EqualsToken, ts.SyntaxKind.PlusEqualsToken].includes(node.operatorToken.kind) &&
      ts.isIdentifier(node.left) && /^(hint|message|label|title|text|problem|heading)$/.test(node.left.text)) {
      add(node, literalTexts(node.right));
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

describe('the staff UI’s source', () => {
  const files = Object.entries(sources).map(([path, text]) => [path.replace(/^\.\.\//, ''), text] as const);

  it('reads every renderer source file outside the catalogues', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(files.some(([file]) => file.startsWith('i18n/'))).toBe(false);
  });

  it('writes no user-visible English outside the catalogues (t() with a key instead)', () => {
    const findings = files.flatMap(([file, text]) => englishLiterals(file, text));
    const allowed = (f: Finding) => notUserFacing.some((a) => a.file === f.file && a.text === f.text);
    const listed = [...new Set(findings.filter((f) => !allowed(f)).map((f) => `${f.file}:${f.line} ${f.text}`))];
    expect(listed).toEqual([]);
  });

  it('keeps the allow-list short and true: every entry is still in its file', () => {
    expect(notUserFacing.length).toBeLessThan(12);
    for (const entry of notUserFacing) expect(sources[`../${entry.file}`] ?? '', entry.file).toContain(entry.text);
  });

  it('finds English where it is (the detector can fail)', () => {
    const sample = `
      const schema = z.string().min(1, 'Choose the day.');
      export function A() {
        const [m, setMessage] = useState('');
        setMessage(\`Saved \${n} posts.\`);
        return <Field label="Sponsor" hint={ok ? 'Plain words' : t('x.y')}>Hello there</Field>;
      }`;
    expect(englishLiterals('sample.tsx', sample).map((f) => f.text)).toEqual([
      'Choose the day.',
      'Saved … posts.',
      'Sponsor',
      'Plain words',
      'Hello there',
    ]);
    expect(englishLiterals('keys.tsx', `const a = <F label={t('posts.sponsor')} className="field wide" value="other" />; z.literal('other');`)).toEqual([]);
  });
});
