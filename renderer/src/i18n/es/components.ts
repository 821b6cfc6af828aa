import type { SameKeys } from '../catalogue-shape';
import type { components as en } from '../en/components';

export const components = {
  fieldMessages: {
    error: 'Error:',
  },
  highlightedText: {
    note: '(nota',
  },
  showInFolder: {
    showInFolder: 'Mostrar en la carpeta',
  },
  submitButton: {
    workingPleaseWait: 'Trabajando, espere…',
  },
  timeZoneField: {
    timeZone: 'Zona horaria',
    thePracticeSOwnIt: 'La del consultorio: decide la fecha de cada firma, revocación, publicación y vencimiento.',
  },
} as const satisfies SameKeys<typeof en>;
