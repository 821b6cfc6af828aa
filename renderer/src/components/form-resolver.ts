import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { wordIssue, type IssueWords } from '../i18n/shared-messages';

type Issue = z.core.$ZodIssue;

/** Every issue with its full path, the branches of a union included (as the resolver reads them). */
function issuesByPath(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Map<string, Issue[]> {
  const found = new Map<string, Issue[]>();
  const add = (issue: Issue, path: readonly PropertyKey[]) => {
    const key = path.map(String).join('.');
    found.set(key, [...(found.get(key) ?? []), issue]);
    if (issue.code === 'invalid_union') for (const branch of issue.errors) for (const inner of branch) add(inner, [...path, ...inner.path]);
  };
  for (const issue of issues) add(issue, [...prefix, ...issue.path]);
  return found;
}

const wordsOf = (issue: Issue | undefined, message: string): IssueWords =>
  issue ? { ...(issue as IssueWords), message } : { message };

/** Rewords, in place, every message of the resolver's nested errors (a field's `types` included; never its DOM `ref`). */
function reword(errors: Record<string, unknown>, issues: Map<string, Issue[]>, path: readonly string[]): void {
  for (const [key, value] of Object.entries(errors)) {
    if (key === 'ref' || key === 'types' || !value || typeof value !== 'object') continue;
    const error = value as { message?: unknown; types?: Record<string, unknown> };
    // An array's own error sits under `root`: zod names it by the array's path.
    const at = key === 'root' ? path : [...path, key];
    const known = issues.get(at.join('.')) ?? [];
    const word = (message: string) => wordIssue(wordsOf(known.find((i) => i.message === message), message));
    if (typeof error.message === 'string') error.message = word(error.message);
    if (error.types) {
      for (const [type, said] of Object.entries(error.types)) {
        if (typeof said === 'string') error.types[type] = word(said);
        else if (Array.isArray(said)) error.types[type] = said.map((m) => (typeof m === 'string' ? word(m) : m));
      }
    }
    reword(value as Record<string, unknown>, issues, at);
  }
}

/**
 * zodResolver, with the messages of shared schemas (written in English in
 * shared/) said in the screen's language. Every form uses this one: a field
 * borrowed from a shared schema (the post's caption) must not show English
 * on a Spanish screen. Messages the catalogue does not know are left as the
 * schema wrote them.
 */
export const formResolver = ((schema: z.ZodType, schemaOptions?: unknown, resolverOptions?: unknown) => {
  const resolve = (zodResolver as (...args: unknown[]) => Resolver<FieldValues>)(schema, schemaOptions, resolverOptions);
  return async (values: FieldValues, context: unknown, options: Parameters<Resolver<FieldValues>>[2]) => {
    const result = await resolve(values, context, options);
    if (Object.keys(result.errors).length === 0) return result;
    // The resolver keeps only each issue's message and code; the bounds (maximum, minimum) come from zod's issues themselves.
    const parsed = await schema.safeParseAsync(values, schemaOptions as never);
    reword(result.errors as Record<string, unknown>, issuesByPath(parsed.error?.issues ?? []), []);
    return result;
  };
}) as unknown as typeof zodResolver;
