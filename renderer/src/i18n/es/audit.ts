import type { SameKeys } from '../catalogue-shape';
import type { audit as en } from '../en/audit';

export const audit = {
  auditFilterForm: {
    filterEvents: 'Filtrar eventos',
    from: 'Desde',
    dayInUtc: 'Día en UTC',
    to: 'Hasta',
    dayInUtcIncluded: 'Día en UTC, incluido',
    staffMember: 'Persona del personal',
    usernameEGJsmith: 'Usuario, p. ej. «jsmith»',
    action: 'Acción',
    applyFilters: 'Aplicar filtros',
    clearFilters: 'Quitar filtros',
  },
  auditPage: {
    auditTrail: 'Registro de auditoría',
    everySignInFailedSign: 'Aquí se registra cada inicio de sesión, intento fallido, bloqueo y cambio. Cada evento lleva una huella del anterior, así que cambiar o quitar un evento rompe la cadena.',
    loadingEvents: 'Cargando eventos…',
    showOlderEvents: 'Mostrar eventos anteriores',
  },
  auditTable: {
    auditEvents: 'Eventos de auditoría',
    auditEventsNewestFirstShowing: 'Eventos de auditoría, los más recientes primero: se muestran',
    of: 'de',
    event: 'Evento',
    time: 'Hora',
    who: 'Quién',
    action: 'Acción',
    subject: 'Objeto',
    detail: 'Detalle',
    noEventsMatchTheseFilters: 'Ningún evento coincide con estos filtros.',
  },
  verifyChain: {
    checkTheChain: 'Comprobar la cadena',
    verifyChain: 'Verificar la cadena',
    verifyingEveryEvent: 'Verificando cada evento…',
  },
} as const satisfies SameKeys<typeof en>;
