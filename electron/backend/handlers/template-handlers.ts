import { wordingProblems } from '../../../shared/authorization/template-rules';
import { AppError } from '../../../shared/errors';
import { listTemplates, publishTemplate } from '../repositories/template-repository';
import type { Handlers } from './handler';

export const templateHandlers = {
  'templates.list': (core) => listTemplates(core.requireStore().db),

  /**
   * New wording becomes the next version only when every required
   * statement and core-element placeholder is in it; a refusal names each
   * missing element and is audited, like the publication.
   */
  'templates.publish': (core, { language, text }) => {
    const store = core.requireStore();
    const problems = wordingProblems(language, text);
    if (problems.length) {
      store.write(() =>
        core.audit({
          action: 'template.publish_refused',
          subjectType: 'template',
          detail: `${language}: ${problems.map((p) => p.element).join(', ')}`,
        }),
      );
      throw new AppError('validation', `This wording cannot be published: ${problems.map((p) => p.message).join(' ')}`, {
        issues: problems.map(({ path, message }) => ({ path: `text.${path}`, message })),
      });
    }
    return store.write(() => {
      const template = publishTemplate(store.db, core.newId(), language, text, core.nowIso());
      core.audit({ action: 'template.published', subjectType: 'template', subjectId: template.id, detail: `${language} v${template.version}` });
      return template;
    });
  },
} satisfies Partial<Handlers>;
