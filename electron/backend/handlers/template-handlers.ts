import type { BackendCallName, CallOutput, ParsedInput } from '../../../shared/contract';
import { wordingProblems } from '../../../shared/authorization/template-rules';
import { AppError } from '../../../shared/errors';
import { auditIn, type EngineCore } from '../engine-core';

/**
 * The authorization wording on the store engine (issue 15, switch-over step
 * 3): every read and write goes through `core.engine` and
 * `records.practice.templates`, each call is one engine transaction, and a
 * publication's audit event is appended in the same transaction as the
 * version it records. A version another workstation published meanwhile is
 * `conflict` (the repository's words), and nothing is saved.
 */

type TemplateCall = 'templates.list' | 'templates.publish';

/** Written against `EngineCore`, not `BackendCore`: the same handlers run on either engine (template-handlers.engines.test.ts). */
export type TemplateHandlers<K extends BackendCallName> = { [P in K]: (core: EngineCore, input: ParsedInput<P>) => Promise<CallOutput<P>> };

export const templateHandlers: TemplateHandlers<TemplateCall> = {
  'templates.list': (core) => core.engine.read((tx) => core.engine.records.practice.templates.listTemplates(tx)),

  /**
   * New wording becomes the next version only when every required
   * statement and core-element placeholder is in it; a refusal names each
   * missing element and is audited, like the publication (in a transaction
   * of its own, which commits, and only then is thrown).
   */
  'templates.publish': async (core, { language, text }) => {
    const problems = wordingProblems(language, text);
    if (problems.length) {
      await core.engine.write((tx) =>
        auditIn(core, tx, {
          action: 'template.publish_refused',
          subjectType: 'template',
          detail: `${language}: ${problems.map((p) => p.element).join(', ')}`,
        }),
      );
      throw new AppError('validation', `This wording cannot be published: ${problems.map((p) => p.message).join(' ')}`, {
        issues: problems.map(({ path, message }) => ({ path: `text.${path}`, message })),
      });
    }
    return core.engine.write(async (tx) => {
      const template = await core.engine.records.practice.templates.publishTemplate(tx, core.newId(), language, text, core.nowIso());
      await auditIn(core, tx, { action: 'template.published', subjectType: 'template', subjectId: template.id, detail: `${language} v${template.version}` });
      return template;
    });
  },
};
