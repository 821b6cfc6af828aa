import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callNames, contract, isShellCall } from '../contract';

/** Every field name of an input schema, through unions, optionals, defaults and pipes. */
function fieldNames(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(fieldNames);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) return fieldNames(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodPipe) return fieldNames(schema.in as z.ZodType);
  return [];
}

/** A field that names a file or folder on disk (a bare file name, such as an upload's, is not a path). */
const looksLikePath = (name: string) => /(path|folder|directory|dir)$/i.test(name);

describe('path fields of the contract', () => {
  it('are declared as pathInputs on every call the backend answers, so the shell relays only paths it handed out', () => {
    const undeclared = callNames
      .filter((name) => !isShellCall(name))
      .flatMap((name) => {
        const spec = contract[name] as { input: z.ZodType; pathInputs?: readonly string[] };
        return fieldNames(spec.input)
          .filter((field) => looksLikePath(field) && !(spec.pathInputs ?? []).includes(field))
          .map((field) => `${name}.${field}`);
      });
    expect(undeclared).toEqual([]);
  });

  it('name only fields the input has', () => {
    const unknown = callNames.flatMap((name) => {
      const spec = contract[name] as { input: z.ZodType; pathInputs?: readonly string[] };
      const fields = fieldNames(spec.input);
      return (spec.pathInputs ?? []).filter((field) => !fields.includes(field)).map((field) => `${name}.${field}`);
    });
    expect(unknown).toEqual([]);
  });

  it('are found by this test where they exist', () => {
    expect(fieldNames(contract['exports.verify'].input)).toContain('filePath');
    expect(fieldNames(contract['backups.create'].input)).toContain('destinationPath');
  });
});
