import type { SameKeys } from '../catalogue-shape';
import type { errors as en } from '../en/errors';

export const errors = {
  field: 'Este valor no se puede usar. Revíselo e inténtelo de nuevo.',
  unknown: 'Algo salió mal. Inténtelo de nuevo; si sigue ocurriendo, reinicie Consent Desk.',
  codes: {
    validation: 'Parte de lo que escribió no se puede usar. Revise los campos señalados e inténtelo de nuevo.',
    unauthorized: 'El usuario, la contraseña o la clave no son correctos, o ya no tiene la sesión iniciada.',
    forbidden: 'Su rol no permite esto. Si lo necesita, pídaselo a un administrador.',
    not_found: 'Este registro ya no existe o nunca existió.',
    conflict: 'Este registro cambió o ya no puede cambiar (por ejemplo, ya está firmado). Vuelva a cargarlo e inténtelo de nuevo.',
    locked: 'Consent Desk se bloqueó. Inicie sesión de nuevo para continuar.',
    throttled_one: 'Demasiados intentos. Espere {{count}} segundo e inténtelo de nuevo.',
    throttled_other: 'Demasiados intentos. Espere {{count}} segundos e inténtelo de nuevo.',
    store_missing: 'Todavía no hay un almacén de datos en esta carpeta.',
    store_damaged: 'El almacén de datos está dañado. Un administrador puede restaurarlo desde una copia de seguridad.',
    store_too_new: 'El almacén de datos lo escribió una versión más reciente de Consent Desk. Instale esa versión para abrirlo.',
    internal: 'Algo salió mal. Inténtelo de nuevo; si sigue ocurriendo, reinicie Consent Desk.',
    storage_unavailable: 'El disco está lleno o no se puede escribir en él: no se guardó nada. Libere espacio o consulte a su contacto de informática.',
    store_rolled_back: 'El almacén de datos es más antiguo que el último usado aquí. Un administrador debe aceptarlo antes de que alguien pueda iniciar sesión.',
    server_unreachable: 'No se puede conectar con el servidor del consultorio. No se guardó nada; revise la red e inténtelo de nuevo.',
    server_untrusted: 'El servidor que respondió no pudo demostrar que es el servidor del consultorio (su certificado no es el configurado aquí). No se le envió nada; consulte a quien configuró el servidor.',
  },
} as const satisfies SameKeys<typeof en>;
