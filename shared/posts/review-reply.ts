import type { PracticeContact } from '../settings';
import { findPlaces, longestFirst, scanForPhi, type IdentifierKind } from './phi-scanner';
import { findAgeMentions } from './text/age-mentions';
import { foldText, foldWithMap, matchFolded } from './text/folded-text';
import { findHealthMentions } from './text/health-mentions';

/**
 * Checks a reply to an online review before it is posted, in English and
 * Spanish. The US Office for Civil Rights has fined practices for replies
 * that named the reviewer, mentioned their care, or only confirmed that
 * they were a patient. A safe reply thanks, stays general and invites the
 * person to call.
 */
export type ReplyConcernKind =
  | 'name'
  | 'family'
  | 'date_time'
  | 'age'
  | 'confirms_patient'
  | 'health'
  | 'money'
  | 'place'
  | Exclude<IdentifierKind, 'date'>;

export interface ReplyConcern {
  kind: ReplyConcernKind;
  start: number;
  end: number;
  text: string;
  message: string;
}

export type ReplyLanguage = 'en' | 'es';

export interface ReplyCheck {
  safe: boolean;
  concerns: ReplyConcern[];
  /** The language the reply seems to be written in: the suggestion comes first in it. */
  language: ReplyLanguage;
  /** A safe reply in the reply's language. */
  suggestion: string;
  /** The safe reply in both languages. */
  suggestions: Record<ReplyLanguage, string>;
}

export interface ReplyContext {
  /** The practice's own name and public contact details: giving them is the safe pattern. */
  practiceName?: string;
  contact?: PracticeContact;
}

export const replyConcernLabels: Record<ReplyConcernKind, string> = {
  name: 'a name',
  family: 'a family member',
  date_time: 'a date or time',
  age: 'an age',
  confirms_patient: 'that the reviewer is a patient',
  health: 'care, treatment or a condition',
  money: 'money or a bill',
  place: 'a place',
  insurance: 'insurance',
  phone: 'a phone number',
  email: 'an email address',
  address: 'an address',
  zip_code: 'a ZIP code',
  ssn: 'a Social Security number',
  record_number: 'a record or account number',
  url: 'a web address',
  ip_address: 'an IP address',
};

const messages: Record<ReplyConcernKind, string> = {
  name: 'A name or a greeting by name: it confirms who the reviewer is.',
  family: 'A family member of the reviewer: it confirms their family’s care.',
  date_time: 'A date, day or time of a visit: it confirms the reviewer was seen.',
  age: 'An age: it tells something about the reviewer.',
  confirms_patient: 'This confirms the reviewer is (or was) a patient.',
  health: 'Care, a treatment or a condition: health information about the reviewer.',
  money: 'Money, a bill or a balance: payment information about the reviewer.',
  place: 'A place: it can tell where the reviewer lives.',
  insurance: 'Insurance: health-plan information about the reviewer.',
  phone: 'A phone number other than the practice’s own.',
  email: 'An email address other than the practice’s own.',
  address: 'An address other than the practice’s own.',
  zip_code: 'A ZIP code: a place smaller than a state.',
  ssn: 'This looks like a Social Security number.',
  record_number: 'A number or code that could identify a patient (a record, account or claim number).',
  url: 'A web address other than the practice’s own.',
  ip_address: 'An IP address is an identifier.',
};

const alt = (words: string) => words.trim().split(/\s*\|\s*/).map((w) => w.replace(/ /g, '\\s+')).join('|');

/** Words that follow a greeting and are not a name. */
const notNames = new Set(
  'for|so|very|again|all|everyone|everybody|there|team|you|much|guys|folks|friend|friends|neighbor|neighbour|reviewer|sir|madam|customer|valued|kindly|both|again|from|a|an|the|our|we|i|it|this|that|and|por|todos|todas|a|de|mucho|muchas|muy|usted|ustedes|amigo|amiga|equipo|nuevamente|otra|vez|su|sus|el|la|los|las|querido|querida|estimado|estimada|cliente|paciente|for'.split('|'),
);

const capitalised = "(\\p{Lu}[\\p{L}'’-]+)";
/** Words matched whatever their case, while a name after them must still be capitalised ("Hi Sarah", "hi Sarah"). */
const anyCase = (words: string) =>
  words
    .split('|')
    .map((w) => [...w].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c === ' ' ? '\\s+' : c === '.' ? '\\.' : c)).join(''))
    .join('|');
const greetingRe = new RegExp(
  `(?:^|[.!?]\\s+|\\n)[¡¿]?(?:${anyCase('thank you so much|thanks so much|many thanks|thank you|thanks|hi|hello|hey|dear|good morning|good afternoon|good evening|hola|buenos días|buenas tardes|buenas noches|estimado|estimada|querido|querida|muchas gracias|mil gracias|gracias')})(?:\\s*,\\s*|\\s+)${capitalised}`,
  'gu',
);
const honorificRe = new RegExp(
  `(?<![\\p{L}])(?:${anyCase('mrs|mr|ms|miss|mx|dr|sra|srta|sr|doña|don|señora|señorita|señor|profesora|profesor')})\\.?\\s+${capitalised}`,
  'gu',
);
const vocativeRe = new RegExp(`,\\s*${capitalised}\\s*[!.?]*\\s*$|^${capitalised},\\s`, 'gmu');

const family = alt(`son | daughter | husband | wife | partner | mom | mother | dad | father | child | children | kid | kids | baby | toddler | grandson | granddaughter | grandchild | grandchildren | grandmother | grandma | grandfather | grandpa | brother | sister | aunt | uncle | niece | nephew | fiance | fiancee | boyfriend | girlfriend | spouse | family member | little one | mum | stepson | stepdaughter | teen | teenager`);
const familyEs = alt(`hijo | hija | hijos | hijas | hijito | hijita | esposo | esposa | marido | mujer | mama | madre | papa | padre | bebe | nieto | nieta | nietos | abuela | abuelo | hermano | hermana | pareja | nino | nina | ninos | familia | suegra | suegro | tia | tio | sobrino | sobrina | novio | novia`);

/** Patterns on the folded text (lower case, no accents). */
const foldedRules: { kind: ReplyConcernKind; re: RegExp }[] = [
  { kind: 'family', re: new RegExp(`(?<![\\p{L}])(?:your|ur|you're)\\s+(?:${family})(?:'s|s)?(?![\\p{L}])`, 'gu') },
  { kind: 'family', re: new RegExp(`(?<![\\p{L}])(?:su|sus|tu|tus)\\s+(?:${familyEs})(?![\\p{L}])`, 'gu') },
  {
    kind: 'date_time',
    re: new RegExp(
      [
        '(?:last|this past|this|next|on)\\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)',
        '(?:last|this past)\\s+(?:week|weekend|month|year|visit|time|appointment)',
        'yesterday|this morning|this afternoon|earlier today|last night|the other day|over the weekend',
        '(?:a|one|two|three|four|five|six|a few|several|\\d+)\\s+(?:days?|weeks?|months?|years?)\\s+ago',
        '\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)',
        '\\d{1,2}:\\d{2}',
        '(?:el|este|del|el pasado)\\s+(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)(?:\\s+pasado)?',
        'ayer|anoche|antier|anteayer|esta manana|esta tarde|hoy temprano|el otro dia',
        '(?:la|el)\\s+(?:semana|mes|ano|fin de semana)\\s+pasad[oa]',
        'hace\\s+(?:un|una|dos|tres|cuatro|cinco|seis|unos|unas|varios|varias|\\d+)\\s+(?:dias?|semanas?|mes|meses|anos?)',
        'a\\s+las?\\s+\\d{1,2}(?::\\d{2})?',
      ]
        .map((p) => `(?<![\\p{L}\\p{N}])(?:${p})(?![\\p{L}\\p{N}])`)
        .join('|'),
      'gu',
    ),
  },
  { kind: 'age', re: /(?<![\p{L}])(?:at your age|for someone your age|for your age|people your age|a su edad|a tu edad|para su edad|para tu edad)(?![\p{L}])/gu },
  {
    kind: 'confirms_patient',
    re: new RegExp(
      [
        // English: seeing, treating and knowing the reviewer as a patient.
        '(?:we|i|dr\\.?\\s+\\p{L}+|she|he|they|our team|our staff|the doctor|the hygienist|the therapist)\\s+(?:only\\s+|just\\s+|recently\\s+|last\\s+)?(?:saw|seen|see|treated|examined|operated on|helped|cared for|spoke with|talked with|called|met|checked)\\s+(?:you|your)',
        '(?:we|i|she|he|they|the team|our team|our hygienist|our staff|the doctor|dr\\.?\\s+\\p{L}+) (?:remembers?|placed|did|performed|removed|fitted|gave you|put in|pulled|fixed|filled|replaced|adjusted)(?![\\p{L}])',
        'remembers? you|remember you',
        'welcome back|nice to see you again|good to see you again|see you again|seeing you again|see you at your|see you next|see you soon|next time you(?:\'re| are) in|when you come back|come back in|hope to see you back',
        'as (?:we|i) (?:discussed|mentioned|explained|talked about|told you|said)|as discussed|like we discussed|as you know|as you were told',
        'you (?:still )?(?:owe|owed)|you were (?:seen|here|treated|late|charged|billed)|you (?:came|come) in|you missed|you cancel+ed|you arrived|you waited|you visited|you started|you finished|you were our|you have been (?:a patient|coming)|you\'ve been (?:a patient|coming)|been coming (?:here|to us|to our)',
        'when you (?:were|came) (?:here|in|to see us|to our)|during your (?:visit|stay|appointment|treatment|session|time with us)|since your (?:first|last|recent)',
        '(?:our|the) records? (?:show|indicate|say)|(?:in|on|from) (?:our|your) (?:records?|chart|file|account)',
        'your (?:[\\p{L}\\d:]+\\s+)?(?:visit|visits|appointment|appointments|chart|file|records?|account|balance|bill|invoice|statement|treatment|care|results?|test|tests|doctor|dentist|therapist|hygienist|provider|surgeon|physician|nurse|session|sessions|exam|procedure|surgery|recovery|progress|follow[\\s-]?up|plan|prescription|medication|x-?rays?|scan|diagnosis|condition|cleaning|checkup|check-up|stay|wait|copay|claim|referral|case|insurance|plan|experience (?:with|at) (?:dr|us|our))',
        '(?:our|a|as a) (?:patient|long[\\s-]?time patient|loyal patient|valued patient)(?![\\p{L}])(?!s)|as our patient|one of our patients|our patient',
        'feeling better|feel better|get well|speedy recovery|hope you(?:\'re| are) (?:healing|recovering|doing better|on the mend)|glad (?:you|to hear you)(?:\'re| are)? (?:healing|recovering|doing better|better)|glad you came in|(?:thank you|thanks) for (?:coming in|coming by|stopping by|visiting us|visiting|choosing us for your|trusting us with your)|after your',
        // Spanish.
        '(?:lo|la|los|las|le|les|te)\\s+(?:recuerda|recordamos|pusimos|hicimos|colocamos|quitamos|sacamos|arreglamos|vimos|atendimos|atendio|atendi|revisamos|tratamos|operamos|ayudamos|llamamos|examinamos)|solo (?:lo|la|le|te) (?:vimos|atendimos)',
        'atenderl[oa]s?|atenderle|atenderte|atendiendol[oa]|cuidarl[oa]|tratarl[oa]',
        'bienvenid[oa]s? de nuevo|que gusto verl[oa] de nuevo|verl[oa] de nuevo|volver a verl[oa]|volver a verte|nos vemos en su|nos vemos pronto|hasta su proxima|cuando regrese|cuando vuelva',
        'como (?:lo )?(?:hablamos|platicamos|comentamos|le comentamos|le dijimos|le explicamos|te dijimos)|como ya sabe|como usted sabe',
        '(?:todavia|aun) (?:debe|nos debe|tiene un saldo)|usted (?:debe|vino|llego|falto|cancelo|estuvo)|cuando (?:vino|estuvo|nos visito)|durante su (?:visita|cita|estancia|tratamiento|sesion)|desde su (?:primera|ultima)',
        'nuestros registros|en su expediente|su expediente|nuestro expediente',
        '(?:su|sus|tu|tus) (?:[\\p{L}\\d:]+\\s+)?(?:seguro|aseguradora|visita|visitas|cita|citas|cuenta|saldo|factura|tratamiento|atencion|resultados?|doctora?|dentista|terapeuta|higienista|cirujan[oa]|medic[oa]|enfermer[oa]|sesion|sesiones|examen|procedimiento|cirugia|recuperacion|progreso|seguimiento|receta|medicamento|radiografias?|diagnostico|limpieza|consulta|espera|copago|reclamo|caso|proxima cita|ultima cita|primera cita|experiencia con (?:el|la) (?:dr|doctor|doctora))',
        '(?:nuestr[oa]|como) paciente|paciente de (?:muchos|varios) anos|uno de nuestros pacientes|una de nuestras pacientes',
        'que se mejore|que te mejores|pronta recuperacion|se sienta mejor|se este recuperando|gracias por venir|gracias por visitarnos|despues de su',
      ]
        .map((p) => `(?<![\\p{L}])(?:${p})(?![\\p{L}])`)
        .join('|'),
      'gu',
    ),
  },
  {
    kind: 'money',
    re: new RegExp(
      [
        '\\$\\s?\\d[\\d,]*(?:\\.\\d{2})?',
        '\\d[\\d,]*(?:\\.\\d{2})?\\s*(?:dollars|dolares|usd|pesos)',
        'balance|outstanding|unpaid|past due|overdue|collections?|refund(?:ed)?|reimburse(?:d|ment)?|payment plan|charged you|billed you|overcharged|deductible|copay|co-pay',
        'saldo|deuda|adeudo|pago pendiente|reembols[\\p{L}]*|le cobramos|te cobramos|cobro|cobranza|deducible|copago',
      ]
        .map((p) => `(?<![\\p{L}\\p{N}])(?:${p})(?![\\p{L}])`)
        .join('|'),
      'gu',
    ),
  },
];

function detectLanguage(text: string): ReplyLanguage {
  const words = foldText(text).split(/[^\p{L}]+/u);
  const es = new Set('el la los las de que y en un una por para con su sus usted gracias nuestro nuestra muy es lo le nos'.split(' '));
  const en = new Set('the and to of you your we our for with is are was thank thanks please this that in'.split(' '));
  let score = 0;
  for (const w of words) {
    if (es.has(w)) score += 1;
    if (en.has(w)) score -= 1;
  }
  return score > 0 ? 'es' : 'en';
}

/** The usual safe reply: thank, stay general, invite a call; with the practice's own phone when it is known. */
export function safeReplies(context: ReplyContext = {}): Record<ReplyLanguage, string> {
  const phone = context.contact?.phone?.trim();
  return {
    en: `Thank you for taking the time to share your feedback. We take every comment seriously and would welcome the chance to talk with you directly. Please call our office${phone ? ` at ${phone}` : ''} at your convenience.`,
    es: `Gracias por tomarse el tiempo de compartir su opinión. Tomamos en serio cada comentario y nos gustaría hablar con usted directamente. Por favor, llame a nuestra oficina${phone ? ` al ${phone}` : ''} cuando le sea conveniente.`,
  };
}

export function checkReviewReply(text: string, context: ReplyContext = {}): ReplyCheck {
  const found: ReplyConcern[] = [];
  const add = (kind: ReplyConcernKind, start: number, end: number) => found.push({ kind, start, end, text: text.slice(start, end), message: messages[kind] });
  const practiceWords = new Set(foldText(context.practiceName ?? '').split(/\s+/).filter(Boolean));

  // Names: after a greeting, an honorific, or alone as a vocative.
  for (const re of [greetingRe, honorificRe, vocativeRe]) {
    for (const m of text.matchAll(re)) {
      const name = m[1] ?? m[2];
      if (!name) continue;
      const folded = foldText(name);
      if (notNames.has(folded) || practiceWords.has(folded)) continue;
      const nameAt = m.index + m[0].lastIndexOf(name);
      // "Mrs. Nguyen" is marked whole; a greeting only where the name is.
      add('name', re === honorificRe ? m.index : nameAt, nameAt + name.length);
    }
  }
  const folded = foldWithMap(text);
  for (const { kind, re } of foldedRules) for (const m of matchFolded(folded, re)) add(kind, m.start, m.end);
  for (const m of findAgeMentions(text)) add('age', m.start, m.end);
  for (const m of findHealthMentions(text)) add('health', m.start, m.end);
  for (const f of scanForPhi(text, { practice: context.contact })) {
    const kind: ReplyConcernKind = f.kind === 'date' ? 'date_time' : (f.kind as ReplyConcernKind);
    // A web address of the practice, or a review site's, asks nothing of the reviewer; others are flagged.
    add(kind, f.start, f.end);
  }
  for (const m of findPlaces(text, [], [context.practiceName ?? ''])) add('place', m.start, m.end);

  // Overlapping concerns of different kinds are all kept ("your account #448120" is an account number and confirms a patient).
  const concerns = (Object.keys(messages) as ReplyConcernKind[]).flatMap((kind) => longestFirst(found.filter((c) => c.kind === kind))).sort((a, b) => a.start - b.start || a.end - b.end);
  const language = detectLanguage(text);
  const suggestions = safeReplies(context);
  return { safe: concerns.length === 0, concerns, language, suggestion: suggestions[language], suggestions };
}
