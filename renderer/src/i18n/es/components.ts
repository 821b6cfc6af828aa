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
  dataTable: {
    countedShowing: '{{counted}}; se muestran del {{first}} al {{last}}',
    previousPage: 'Página anterior',
    nextPage: 'Página siguiente',
    pageOf: 'Página {{page}} de {{pages}}',
    rowsPerPage: 'Filas por página',
  },
  passwordHint: 'Al menos 12 caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña fuerte y fácil de recordar; se rechazan las contraseñas comunes y las hechas con su nombre.',
  newPasswordFields: {
    newPassword: 'Contraseña nueva',
    confirmNewPassword: 'Confirme la contraseña nueva',
  },
} as const satisfies SameKeys<typeof en>;
