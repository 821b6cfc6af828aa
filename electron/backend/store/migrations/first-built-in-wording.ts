/**
 * The wording every store started with (version 1 in English and Spanish),
 * exactly as migration 2 wrote it before the wording rules existed. Frozen
 * here so migration 6 can recognise a store still on it, untouched, and
 * publish the validated wording as the next version. Never edit.
 */
export const firstBuiltInWording = {
  en: {
    title: 'Authorization to Use My Health Information in Marketing',
    intro:
      'I, {{patient}}, allow {{practice}} to use information about me in its marketing, as described below. Please read every part, and ask us about anything that is not clear.',
    information: {
      heading: '1. What information may be used',
      body: '{{practice}} may use only the following information about me:',
    },
    discloser: {
      heading: '2. Who may use and share it',
      body: '{{practice}} and the staff who prepare its marketing.',
    },
    recipients: {
      heading: '3. Where it may appear and who may see it',
      body: 'It may be published in the following places, where anyone in the public can see it:',
    },
    purposes: { heading: '4. Why it will be used', body: 'It may be used only for these purposes:' },
    expiration: {
      heading: '5. When this authorization ends',
      onDate: 'This authorization ends on {{date}}. After that day, the practice will not use my information under it.',
      onEvent: 'This authorization ends when the following happens: {{event}}.',
    },
    remuneration: {
      heading: 'Payment for this marketing',
      body: '{{practice}} receives payment from {{payer}} for the marketing that uses my information.',
    },
    revocation: {
      heading: 'My right to cancel (revoke) this authorization',
      body:
        'I may cancel this authorization at any time by giving or sending a written, signed request to {{practice}}. The cancellation takes effect when the practice receives it. The practice will then stop any new use and remove the posts it controls, but it cannot undo what it already did relying on this authorization.',
    },
    noConditioning: {
      heading: 'Signing is my choice',
      body:
        'My treatment, payment, enrollment in a health plan, or eligibility for benefits will not depend on whether I sign this authorization. I may refuse to sign it.',
    },
    redisclosure: {
      heading: 'Once it is public',
      body:
        'Information published under this authorization can be seen, copied and shared again by anyone. It may then no longer be protected by federal privacy law (HIPAA).',
    },
    copy: { heading: 'My copy', body: 'I will receive a copy of this signed authorization.' },
    representative: {
      heading: 'Signed by a personal representative',
      body: '{{representative}} signs for the patient, with this authority: {{authority}}.',
    },
    signature: {
      heading: 'Signature',
      body:
        'I have read this authorization, or had it read to me. I agree to sign it electronically, and my electronic signature has the same effect as a handwritten one.',
    },
  },
  es: {
    title: 'Autorización para usar mi información de salud en mercadeo',
    intro:
      'Yo, {{patient}}, permito que {{practice}} use información sobre mí en su mercadeo, como se describe abajo. Por favor lea cada parte y pregúntenos todo lo que no esté claro.',
    information: {
      heading: '1. Qué información se puede usar',
      body: '{{practice}} puede usar solamente la siguiente información sobre mí:',
    },
    discloser: {
      heading: '2. Quién puede usarla y compartirla',
      body: '{{practice}} y el personal que prepara su mercadeo.',
    },
    recipients: {
      heading: '3. Dónde puede aparecer y quién puede verla',
      body: 'Se puede publicar en los siguientes lugares, donde cualquier persona del público puede verla:',
    },
    purposes: { heading: '4. Para qué se usará', body: 'Se puede usar solamente para estos fines:' },
    expiration: {
      heading: '5. Cuándo termina esta autorización',
      onDate: 'Esta autorización termina el {{date}}. Después de ese día, la práctica no usará mi información bajo esta autorización.',
      onEvent: 'Esta autorización termina cuando ocurra lo siguiente: {{event}}.',
    },
    remuneration: {
      heading: 'Pago por este mercadeo',
      body: '{{practice}} recibe un pago de {{payer}} por el mercadeo que usa mi información.',
    },
    revocation: {
      heading: 'Mi derecho a cancelar (revocar) esta autorización',
      body:
        'Puedo cancelar esta autorización en cualquier momento entregando o enviando una solicitud por escrito y firmada a {{practice}}. La cancelación tiene efecto cuando la práctica la recibe. La práctica dejará entonces de hacer nuevos usos y retirará las publicaciones que controla, pero no puede deshacer lo que ya hizo basándose en esta autorización.',
    },
    noConditioning: {
      heading: 'Firmar es mi decisión',
      body:
        'Mi tratamiento, el pago, la inscripción en un plan de salud o mi elegibilidad para beneficios no dependerán de que firme esta autorización. Puedo negarme a firmarla.',
    },
    redisclosure: {
      heading: 'Una vez que es pública',
      body:
        'La información publicada bajo esta autorización puede ser vista, copiada y compartida de nuevo por cualquier persona. Es posible que ya no esté protegida por la ley federal de privacidad (HIPAA).',
    },
    copy: { heading: 'Mi copia', body: 'Recibiré una copia de esta autorización firmada.' },
    representative: {
      heading: 'Firmada por un representante personal',
      body: '{{representative}} firma por el paciente, con esta autoridad: {{authority}}.',
    },
    signature: {
      heading: 'Firma',
      body:
        'He leído esta autorización, o me la han leído. Acepto firmarla electrónicamente, y mi firma electrónica tiene el mismo efecto que una firma a mano.',
    },
  },
};
