import { foldWithMap, matchFolded } from './folded-text';

export interface AgeMention {
  start: number;
  end: number;
  text: string;
  /** The age in years when the text gives one (a decade gives its first year: "in her nineties" is 90). */
  years: number | null;
}

const enUnits = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const enTens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const esUnits = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieciseis', 'diecisiete', 'dieciocho', 'diecinueve'];
const esTens = ['', '', 'veinte', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const esTwenties = ['veinte', 'veintiuno', 'veintidos', 'veintitres', 'veinticuatro', 'veinticinco', 'veintiseis', 'veintisiete', 'veintiocho', 'veintinueve'];

/** Number words (folded) and their values, up to 119. */
const numberWords = new Map<string, number>();
enUnits.forEach((w, i) => numberWords.set(w, i));
esUnits.forEach((w, i) => numberWords.set(w, i));
esTwenties.forEach((w, i) => numberWords.set(w, 20 + i));
for (let t = 2; t <= 9; t += 1) {
  numberWords.set(enTens[t]!, t * 10);
  numberWords.set(esTens[t]!, t * 10);
  for (let u = 1; u <= 9; u += 1) {
    numberWords.set(`${enTens[t]}-${enUnits[u]}`, t * 10 + u);
    numberWords.set(`${enTens[t]} ${enUnits[u]}`, t * 10 + u);
    if (t >= 3) numberWords.set(`${esTens[t]} y ${esUnits[u]}`, t * 10 + u);
  }
}
numberWords.set('a hundred', 100);
numberWords.set('one hundred', 100);
numberWords.set('cien', 100);
numberWords.set('ciento', 100);

const wordAlt = [...numberWords.keys()].sort((a, b) => b.length - a.length).join('|').replace(/ /g, '\\s+');
/** A number of years: digits or words. */
const n = `(\\d{1,3}|${wordAlt})`;
const decadesEn = 'teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[2-9]0s|\'[2-9]0s';
const decadesEs = 'veintes|treintas?|cuarentas?|cincuentas?|sesentas?|setentas?|ochentas?|noventas?';
const decadeValue: Record<string, number> = {
  teens: 13, twenties: 20, thirties: 30, forties: 40, fifties: 50, sixties: 60, seventies: 70, eighties: 80, nineties: 90,
  veintes: 20, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90,
};
const personal = "(?:her|his|their|my|your|our|su|sus|mis?|tus?)";
const subject = "(?:she|he|i|they|who|we|you|ella|el|yo|quien|maria)";

/** Each pattern's first group, when it has one, is the number of years (or the decade). */
const patterns: RegExp[] = [
  // "93 years old", "93-year-old", "ninety-three year old", "93 yrs old", "93yo", "93 y/o", "a 93-year-old"
  new RegExp(`(?<![\\p{L}\\p{N}])${n}[\\s-]*(?:years?|yrs?)[\\s-]*(?:old|young)(?![\\p{L}])`, 'gu'),
  new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,3})\\s*y\\/?o(?![\\p{L}])`, 'gu'),
  // "aged 93", "age 93", "at age 93", "at the age of 93", "ages 5 to 12"
  new RegExp(`(?<![\\p{L}])(?:at\\s+)?(?:the\\s+)?age[sd]?\\s+(?:of\\s+)?${n}(?![\\p{L}\\p{N}])`, 'gu'),
  // "At 93, Walter…", "at 93 she…", "at ninety-three"
  new RegExp(`(?<![\\p{L}])at\\s+${n}(?=\\s*[,;:!—–]|\\s+(?:and|years|${subject}|still|is|was|has|had)(?![\\p{L}]))`, 'gu'),
  // "in her nineties", "in his late 80s", "in their early twenties"
  new RegExp(`(?<![\\p{L}])in\\s+${personal}\\s+(?:early\\s+|mid[\\s-]?|late\\s+)?(${decadesEn})(?![\\p{L}])`, 'gu'),
  // "a nonagenarian", "centenarian"
  /(?<![\p{L}])(octogenarian|nonagenarian|septuagenarian|sexagenarian|centenarian|octogenaria|octogenario|nonagenaria|nonagenario|septuagenaria|septuagenario|centenaria|centenario)s?(?![\p{L}])/gu,
  // "she turned 60", "turning 40", "her 60th birthday", "sweet sixteen"
  new RegExp(`(?<![\\p{L}])${subject}\\s+(?:just\\s+)?(?:turned|turns|is turning|will turn)\\s+${n}(?![\\p{L}\\p{N}])`, 'gu'),
  /(?<![\p{L}\p{N}])(\d{1,3})(?:st|nd|rd|th)\s+birthday(?![\p{L}])/gu,
  // Spanish: "93 años", "de 93 años", "a los 93", "a sus 93 años", "cumplió 60", "en sus noventa", "quinceañera"
  new RegExp(`(?<![\\p{L}\\p{N}])${n}\\s+anos(?:\\s+de\\s+edad)?(?![\\p{L}])`, 'gu'),
  new RegExp(`(?<![\\p{L}])a\\s+(?:los|sus)\\s+${n}(?![\\p{L}\\p{N}])`, 'gu'),
  new RegExp(`(?<![\\p{L}])(?:cumplio|cumple|cumpli|cumplira|cumplir)\\s+(?:los\\s+)?${n}(?![\\p{L}\\p{N}])`, 'gu'),
  new RegExp(`(?<![\\p{L}])en\\s+sus\\s+(?:primeros\\s+|tempranos\\s+)?(${decadesEs})(?![\\p{L}])`, 'gu'),
  new RegExp(`(?<![\\p{L}])edad\\s+de\\s+${n}(?![\\p{L}\\p{N}])`, 'gu'),
  /(?<![\p{L}])(quinceanera|quince anos)(?![\p{L}])/gu,
];

function valueOf(group: string | undefined): number | null {
  if (!group) return null;
  if (/^\d+$/.test(group)) return Number(group);
  const word = group.replace(/\s+/g, ' ');
  if (numberWords.has(word)) return numberWords.get(word)!;
  const decade = group.replace(/^'/, '').replace(/s$/, '');
  if (/^[2-9]0$/.test(decade)) return Number(decade);
  if (decadeValue[group] !== undefined) return decadeValue[group]!;
  if (decadeValue[group.replace(/s$/, '')] !== undefined) return decadeValue[group.replace(/s$/, '')]!;
  if (group.startsWith('octogenari')) return 80;
  if (group.startsWith('nonagenari')) return 90;
  if (group.startsWith('septuagenari')) return 70;
  if (group.startsWith('sexagenari')) return 60;
  if (group.startsWith('centenari')) return 100;
  if (group.startsWith('quince')) return 15;
  return null;
}

const organisationBefore = /(?:clinic|practice|office|team|business|company|center|centre|clinica|consultorio|practica|oficina|equipo|empresa|negocio|centro)(?:'s)?\s+(?:[\p{L}]+\s+){0,2}$/u;

/** An age in any usual form, in English or Spanish. Ages below 1 or above 119 are numbers, not ages. */
export function findAgeMentions(text: string): AgeMention[] {
  const folded = foldWithMap(text);
  const out: AgeMention[] = [];
  for (const re of patterns) {
    for (const m of matchFolded(folded, re)) {
      // "Our clinic turns 25", "la clínica cumple 25 años": the age of an organisation, not a person.
      if (organisationBefore.test(folded.folded.slice(Math.max(0, folded.originalIndex.indexOf(m.start) - 40), folded.originalIndex.indexOf(m.start)))) continue;
      const years = valueOf(m.groups[0]);
      if (years !== null && (years < 1 || years > 119)) continue;
      out.push({ start: m.start, end: m.end, text: m.text, years });
    }
  }
  return out;
}
