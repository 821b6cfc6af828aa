import { listTemplates, publishTemplate } from '../repositories/template-repository';
import type { Handlers } from './handler';

export const templateHandlers = {
  'templates.list': (core) => listTemplates(core.requireStore().db),

  'templates.publish': (core, { language, text }) => {
    const store = core.requireStore();
    return store.write(() => {
      const template = publishTemplate(store.db, core.newId(), language, text, core.nowIso());
      core.audit({ action: 'template.published', subjectType: 'template', subjectId: template.id, detail: `${language} v${template.version}` });
      return template;
    });
  },
} satisfies Partial<Handlers>;
