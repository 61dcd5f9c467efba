/**
 * A corpus of realistic exports this product has never seen, each with its expected reading: the
 * kind and figures a correct import gives, or the refusal (and its reason) a correct import gives.
 * The figures are computed here from the generated values, never by the code under test.
 *
 * Run on its own to look at the files: `npx tsx tests/corpus/generate.ts OUT_DIR`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/** What a correct import of one corpus file reads. */
export interface ExpectedReading {
  kind: 'customers' | 'responses' | 'assessments' | 'revenue';
  /** customers: rows kept and churned flags set. */
  customers?: number;
  churned?: number;
  /** responses: the NPS answers (0–10) and their NPS; or other surveys' answer counts. */
  nps?: { n: number; value: number };
  answers?: Partial<Record<'nps' | 'csat' | 'ces' | 'rating', number>>;
  /** The months the responses fall in (checks date reading); null = undated ('all'). */
  months?: string[] | null;
  /** assessments: answers stored. */
  assessments?: number;
  /** revenue: total MRR stored. */
  mrr?: number;
}

export interface CorpusCase {
  name: string;
  file: string;
  /** What the file is, in words (the test names it so a failure reads as a sentence). */
  about: string;
  /** Import options a user would give (a delimiter, a date format, --accept-rejects). */
  options?: { delimiter?: string; dateFormat?: string; acceptRejects?: boolean };
  expect: { reading: ExpectedReading } | { refusal: RegExp };
  /** Personal values planted in the file that must be found nowhere in the engagement. */
  planted?: string[];
}

// ------------------------------------------------------------------ deterministic values

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pickOne = <T>(rng: Rng, values: readonly T[]): T => values[Math.floor(rng() * values.length)] as T;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function npsOf(scores: number[]): { n: number; value: number } {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return { n: scores.length, value: round2((100 * (promoters - detractors)) / scores.length) };
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A card number that passes the Luhn check (16 digits, Visa-like prefix). */
function luhnCard(rng: Rng): string {
  const digits = [4, ...Array.from({ length: 14 }, () => int(rng, 0, 9))];
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits[digits.length - 1 - i] as number;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  digits.push((10 - (sum % 10)) % 10);
  return digits.join('');
}

/** A valid IBAN of the given country and length (mod-97 check digits computed). */
function iban(rng: Rng, country: string, length: number): string {
  const bban = Array.from({ length: length - 4 }, () => int(rng, 0, 9)).join('');
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return `${country}${pad(98 - remainder)}${bban}`;
}

const FIRST = {
  en: ['James', 'Olivia', 'Harry', 'Amelia', 'George', 'Isla', 'Jack', 'Emily'],
  fr: ['Camille', 'Léa', 'Hugo', 'Chloé', 'Louis', 'Manon', 'Jules', 'Inès'],
  de: ['Lukas', 'Hannah', 'Jonas', 'Lea', 'Felix', 'Marie', 'Paul', 'Sophie'],
  es: ['Lucía', 'Hugo', 'Martina', 'Mateo', 'Sofía', 'Pablo', 'Valeria', 'Álvaro'],
  nl: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Mila', 'Finn', 'Tess'],
};
const LAST = {
  en: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies'],
  fr: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand'],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker'],
  es: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez'],
  nl: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser'],
};
const STREETS = {
  en: ['High Street', 'Station Road', 'Church Lane', 'Mill Road'],
  fr: ['rue de la Paix', 'avenue Victor Hugo', 'boulevard Voltaire', 'rue Nationale'],
  de: ['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Schulstraße'],
  es: ['Calle Mayor', 'Avenida de la Constitución', 'Calle Real', 'Paseo del Prado'],
  nl: ['Kerkstraat', 'Dorpsstraat', 'Molenweg', 'Schoolstraat'],
};
type Lang = keyof typeof FIRST;

/** One person's personal data, in the formats of their country. */
interface Person {
  first: string;
  last: string;
  email: string;
  phone: string;
  birth: string;
  street: string;
  house: string;
  postcode: string;
  iban: string;
  card: string;
  nationalId: string;
  ip: string;
}

const IBAN_SHAPE: Record<Lang, [string, number]> = {
  en: ['GB', 22],
  fr: ['FR', 27],
  de: ['DE', 22],
  es: ['ES', 24],
  nl: ['NL', 18],
};

function person(rng: Rng, lang: Lang, index: number): Person {
  const first = pickOne(rng, FIRST[lang]);
  const last = pickOne(rng, LAST[lang]);
  const [country, length] = IBAN_SHAPE[lang];
  const birth = `${int(rng, 1950, 2002)}-${pad(int(rng, 1, 12))}-${pad(int(rng, 1, 28))}`;
  const postcode =
    lang === 'en'
      ? `SW${int(rng, 1, 20)} ${int(rng, 1, 9)}AB`
      : lang === 'nl'
        ? `${int(rng, 1000, 9999)} ${pickOne(rng, ['AB', 'CD', 'KL'])}`
        : pad(int(rng, 1000, 99999), 5);
  const nationalId =
    lang === 'es'
      ? `${pad(int(rng, 0, 99999999), 8)}${pickOne(rng, ['T', 'R', 'W', 'A'])}`
      : lang === 'nl'
        ? pad(int(rng, 100000000, 999999999), 9)
        : lang === 'fr'
          ? `${int(rng, 1, 2)}${pad(int(rng, 50, 99))}${pad(int(rng, 1, 12))}${pad(int(rng, 1, 95))}${pad(int(rng, 1, 999), 3)}${pad(int(rng, 1, 999), 3)}${pad(int(rng, 1, 97))}`
          : lang === 'de'
            ? `${int(rng, 10000000000, 99999999999)}`
            : `QQ${pad(int(rng, 0, 999999), 6)}C`;
  return {
    first,
    last,
    email: `${first
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z]/g, '')}.${index}@example.${lang === 'en' ? 'co.uk' : lang}`,
    phone:
      lang === 'en'
        ? `+44 20 7946 ${pad(int(rng, 0, 9999), 4)}`
        : lang === 'fr'
          ? `06 ${pad(int(rng, 0, 99))} ${pad(int(rng, 0, 99))} ${pad(int(rng, 0, 99))} ${pad(int(rng, 0, 99))}`
          : lang === 'de'
            ? `0151 ${pad(int(rng, 0, 99999999), 8)}`
            : lang === 'es'
              ? `+34 6${pad(int(rng, 0, 99))} ${pad(int(rng, 0, 999), 3)} ${pad(int(rng, 0, 999), 3)}`
              : `06-${pad(int(rng, 0, 99999999), 8)}`,
    birth,
    street: pickOne(rng, STREETS[lang]),
    house: String(int(rng, 1, 240)),
    postcode,
    iban: iban(rng, country, length),
    card: luhnCard(rng),
    nationalId,
    ip: `10.${int(rng, 0, 255)}.${int(rng, 0, 255)}.${int(rng, 1, 254)}`,
  };
}

// ------------------------------------------------------------------ writers

type Row = Array<string | number | null>;

function csvCell(value: string | number | null, delimiter: string): string {
  if (value === null) return '';
  const text = String(value);
  return text.includes(delimiter) || text.includes('"') || text.includes('\n')
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

function writeCsv(path: string, rows: Row[], delimiter = ','): void {
  writeFileSync(
    path,
    rows.map((row) => row.map((v) => csvCell(v, delimiter)).join(delimiter)).join('\r\n') + '\r\n',
  );
}

/** Columns padded to a common width, as mainframe and report tools print them. */
function writeAligned(path: string, rows: Row[]): void {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => String(row[c] ?? '').length))) ?? [];
  const lines = rows.map((row) =>
    row
      .map((v, c) => String(v ?? '').padEnd((widths[c] ?? 0) + 2))
      .join('')
      .trimEnd(),
  );
  writeFileSync(path, lines.join('\n') + '\n');
}

async function writeXlsx(
  path: string,
  rows: Row[],
  finish?: (sheet: ExcelJS.Worksheet, dataRows: number) => void,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Export');
  for (const row of rows) sheet.addRow(row);
  finish?.(sheet, rows.length - 1);
  await workbook.xlsx.writeFile(path);
}

// ------------------------------------------------------------------ the corpus

/** Writes every corpus file into `dir` and returns the cases with their expected readings. */
export async function buildCorpus(dir: string): Promise<CorpusCase[]> {
  mkdirSync(dir, { recursive: true });
  const cases: CorpusCase[] = [];
  const at = (name: string) => join(dir, name);
  for (const build of BUILDERS) cases.push(...(await build(at)));
  return cases;
}

type Builder = (at: (name: string) => string) => Promise<CorpusCase[]> | CorpusCase[];

/** A bank's churn table: 0/1 Exited, tenure in years 0–10, number of products, 0/1 flags. */
function bankChurnRows(seed: number, count: number): { rows: Row[]; churned: number; surnames: string[] } {
  const rng = random(seed);
  const rows: Row[] = [
    [
      'RowNumber',
      'CustomerId',
      'Surname',
      'CreditScore',
      'Geography',
      'Gender',
      'Age',
      'Tenure',
      'Balance',
      'NumOfProducts',
      'HasCrCard',
      'IsActiveMember',
      'EstimatedSalary',
      'Exited',
    ],
  ];
  let churned = 0;
  const surnames: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const exited = rng() < 0.2 ? 1 : 0;
    churned += exited;
    const surname = `${pickOne(rng, LAST.en)}${pickOne(rng, ['', 'son', 'ley', 'ford'])}`;
    if (i <= 3) surnames.push(surname);
    rows.push([
      i,
      15600000 + i * 7,
      surname,
      int(rng, 350, 850),
      pickOne(rng, ['France', 'Spain', 'Germany']),
      pickOne(rng, ['Male', 'Female']),
      int(rng, 18, 80),
      int(rng, 0, 10),
      rng() < 0.3 ? 0 : round2(rng() * 200000),
      int(rng, 1, 4),
      int(rng, 0, 1),
      int(rng, 0, 1),
      round2(rng() * 190000 + 100),
      exited,
    ]);
  }
  return { rows, churned, surnames };
}

const bankChurn: Builder = async (at) => {
  const csv = bankChurnRows(11, 400);
  writeCsv(at('bank-churn.csv'), csv.rows);
  const xlsx = bankChurnRows(12, 300);
  await writeXlsx(at('bank-churn.xlsx'), xlsx.rows);
  const semicolon = bankChurnRows(13, 250);
  writeCsv(at('bank-churn-semicolon.csv'), semicolon.rows, ';');
  const about =
    'bank churn: 0/1 Exited, Tenure years 0–10, NumOfProducts 1–4, 0/1 flags — customers, no survey';
  return [
    {
      name: 'bank-churn.csv',
      file: at('bank-churn.csv'),
      about,
      expect: { reading: { kind: 'customers', customers: 400, churned: csv.churned } },
    },
    {
      name: 'bank-churn.xlsx',
      file: at('bank-churn.xlsx'),
      about: `${about} (xlsx)`,
      expect: { reading: { kind: 'customers', customers: 300, churned: xlsx.churned } },
    },
    {
      name: 'bank-churn-semicolon.csv',
      file: at('bank-churn-semicolon.csv'),
      about: `${about} (semicolons)`,
      expect: { reading: { kind: 'customers', customers: 250, churned: semicolon.churned } },
    },
  ];
};

/** An e-commerce churn table with a SatisfactionScore 1–5 among operational columns. */
const ecommerceChurn: Builder = (at) => {
  const rng = random(21);
  const rows: Row[] = [
    [
      'CustomerID',
      'Churn',
      'Tenure',
      'PreferredLoginDevice',
      'CityTier',
      'WarehouseToHome',
      'HourSpendOnApp',
      'NumberOfDeviceRegistered',
      'SatisfactionScore',
      'NumberOfAddress',
      'Complain',
    ],
  ];
  let churned = 0;
  for (let i = 0; i < 350; i += 1) {
    const churn = rng() < 0.17 ? 1 : 0;
    churned += churn;
    rows.push([
      50001 + i,
      churn,
      int(rng, 0, 30),
      pickOne(rng, ['Mobile Phone', 'Computer']),
      int(rng, 1, 3),
      int(rng, 5, 36),
      int(rng, 0, 5),
      int(rng, 1, 6),
      int(rng, 1, 5),
      int(rng, 1, 10),
      int(rng, 0, 1),
    ]);
  }
  writeCsv(at('ecommerce-churn.csv'), rows);
  return [
    {
      name: 'ecommerce-churn.csv',
      file: at('ecommerce-churn.csv'),
      about: 'e-commerce churn: Churn 0/1, CityTier 1–3, HourSpendOnApp 0–5, SatisfactionScore 1–5',
      expect: { reading: { kind: 'customers', customers: 350, churned } },
    },
  ];
};

/** A telecom churn table: Churn Yes/No, years as customer 0–10, support calls 0–9. */
const telecomChurn: Builder = (at) => {
  const rng = random(31);
  const rows: Row[] = [
    ['account_number', 'state', 'years_as_customer', 'support_calls', 'plan_level', 'churn'],
  ];
  let churned = 0;
  for (let i = 0; i < 220; i += 1) {
    const churn = rng() < 0.25;
    churned += churn ? 1 : 0;
    rows.push([
      `AC-${pad(i + 1, 5)}`,
      pickOne(rng, ['KS', 'OH', 'NJ', 'TX']),
      int(rng, 0, 10),
      int(rng, 0, 9),
      int(rng, 1, 5),
      churn ? 'Yes' : 'No',
    ]);
  }
  writeCsv(at('telecom-churn.csv'), rows);
  return [
    {
      name: 'telecom-churn.csv',
      file: at('telecom-churn.csv'),
      about: 'telecom churn: Yes/No, years as customer 0–10, support calls 0–9, plan level 1–5',
      expect: { reading: { kind: 'customers', customers: 220, churned } },
    },
  ];
};

interface MasterHeaders {
  id: string;
  first: string;
  last: string;
  email: string;
  phone: string;
  birth: string;
  street: string;
  house: string;
  postcode: string;
  city: string;
  iban: string;
  nationalId: string;
  card?: string;
  segment: string;
  since: string;
  churned: string;
  yes: string;
  no: string;
}

const MASTER_HEADERS: Record<Lang, MasterHeaders> = {
  en: {
    id: 'Customer ID',
    first: 'First Name',
    last: 'Last Name',
    email: 'Email',
    phone: 'Phone',
    birth: 'Date of Birth',
    street: 'Street',
    house: 'House Number',
    postcode: 'Postcode',
    city: 'City',
    iban: 'IBAN',
    nationalId: 'National Insurance Number',
    card: 'Card Number',
    segment: 'Segment',
    since: 'Customer Since',
    churned: 'Churned',
    yes: 'Yes',
    no: 'No',
  },
  fr: {
    id: 'N° client',
    first: 'Prénom',
    last: 'Nom',
    email: 'Courriel',
    phone: 'Téléphone',
    birth: 'Date de naissance',
    street: 'Rue',
    house: 'Numéro',
    postcode: 'Code postal',
    city: 'Ville',
    iban: 'IBAN',
    nationalId: 'N° de sécurité sociale',
    segment: 'Segment',
    since: 'Client depuis',
    churned: 'Résilié',
    yes: 'Oui',
    no: 'Non',
  },
  de: {
    id: 'Kundennummer',
    first: 'Vorname',
    last: 'Nachname',
    email: 'E-Mail',
    phone: 'Telefon',
    birth: 'Geburtsdatum',
    street: 'Straße',
    house: 'Hausnummer',
    postcode: 'PLZ',
    city: 'Ort',
    iban: 'IBAN',
    nationalId: 'Steuer-ID',
    card: 'Kartennummer',
    segment: 'Segment',
    since: 'Kunde seit',
    churned: 'Gekündigt',
    yes: 'Ja',
    no: 'Nein',
  },
  es: {
    id: 'id_cliente',
    first: 'Nombre',
    last: 'Apellidos',
    email: 'Correo electrónico',
    phone: 'Teléfono',
    birth: 'Fecha de nacimiento',
    street: 'Dirección',
    house: 'Número',
    postcode: 'Código postal',
    city: 'Ciudad',
    iban: 'IBAN',
    nationalId: 'DNI',
    segment: 'Segmento',
    since: 'Fecha de alta',
    churned: 'Baja',
    yes: 'Sí',
    no: 'No',
  },
  nl: {
    id: 'Klantnummer',
    first: 'Voornaam',
    last: 'Achternaam',
    email: 'E-mailadres',
    phone: 'Telefoonnummer',
    birth: 'Geboortedatum',
    street: 'Straat',
    house: 'Huisnummer',
    postcode: 'Postcode',
    city: 'Woonplaats',
    iban: 'IBAN',
    nationalId: 'BSN',
    segment: 'Segment',
    since: 'Klant sinds',
    churned: 'Opgezegd',
    yes: 'Ja',
    no: 'Nee',
  },
};

/** Customer masters full of personal data, one per language; every personal value is planted. */
function customerMaster(
  lang: Lang,
  seed: number,
  count: number,
): { rows: Row[]; churned: number; planted: string[] } {
  const rng = random(seed);
  const h = MASTER_HEADERS[lang];
  const header: Row = [
    h.id,
    h.first,
    h.last,
    h.email,
    h.phone,
    h.birth,
    h.street,
    h.house,
    h.postcode,
    h.city,
    h.iban,
    h.nationalId,
    ...(h.card ? [h.card] : []),
    h.segment,
    h.since,
    h.churned,
  ];
  const rows: Row[] = [header];
  const planted: string[] = [];
  let churned = 0;
  for (let i = 0; i < count; i += 1) {
    const p = person(rng, lang, i);
    const churn = rng() < 0.3;
    churned += churn ? 1 : 0;
    const since = `${int(rng, 2018, 2024)}-${pad(int(rng, 1, 12))}-${pad(int(rng, 1, 28))}`;
    rows.push([
      `${lang.toUpperCase()}${pad(1000 + i, 6)}`,
      p.first,
      p.last,
      p.email,
      p.phone,
      p.birth,
      p.street,
      p.house,
      p.postcode,
      pickOne(rng, ['Lyon', 'Berlin', 'Madrid', 'Utrecht', 'Leeds']),
      p.iban,
      p.nationalId,
      ...(h.card ? [p.card] : []),
      pickOne(rng, ['SMB', 'Enterprise', 'Consumer']),
      since,
      churn ? h.yes : h.no,
    ]);
    if (i < 5)
      planted.push(p.email, p.phone, p.iban, p.nationalId, p.birth, `${p.last}`, ...(h.card ? [p.card] : []));
  }
  return { rows, churned, planted: planted.filter((v) => v.length >= 6) };
}

const customerMasters: Builder = async (at) => {
  const cases: CorpusCase[] = [];
  const langs: Lang[] = ['en', 'fr', 'de', 'es', 'nl'];
  for (const [index, lang] of langs.entries()) {
    const master = customerMaster(lang, 100 + index, 120);
    const name = `customers-${lang}.csv`;
    writeCsv(at(name), master.rows, lang === 'en' ? ',' : ';');
    cases.push({
      name,
      file: at(name),
      about: `customer master in ${lang} with names, address, birth date, IBAN, national ID, phone, e-mail`,
      expect: { reading: { kind: 'customers', customers: 120, churned: master.churned } },
      planted: master.planted,
    });
  }
  const xlsx = customerMaster('de', 110, 90);
  await writeXlsx(at('kunden-de.xlsx'), xlsx.rows);
  cases.push({
    name: 'kunden-de.xlsx',
    file: at('kunden-de.xlsx'),
    about: 'German customer master as xlsx with card numbers and IBANs',
    expect: { reading: { kind: 'customers', customers: 90, churned: xlsx.churned } },
    planted: xlsx.planted,
  });
  return cases;
};

/** A customer list with a birth date and a join date, no churn column. */
const birthDates: Builder = (at) => {
  const rng = random(41);
  const rows: Row[] = [['customer_no', 'full_name', 'dob', 'joined', 'tier']];
  const planted: string[] = [];
  for (let i = 0; i < 80; i += 1) {
    const name = `${pickOne(rng, FIRST.en)} ${pickOne(rng, LAST.en)}`;
    const dob = `${pad(int(rng, 1, 28))}/${pad(int(rng, 1, 12))}/${int(rng, 1950, 2000)}`;
    if (i < 5) planted.push(dob);
    rows.push([
      `C${pad(i + 1, 4)}`,
      name,
      dob,
      `2023-${pad(int(rng, 1, 12))}-${pad(int(rng, 1, 28))}`,
      pickOne(rng, ['Gold', 'Silver']),
    ]);
  }
  writeCsv(at('customers-dob.csv'), rows);
  return [
    {
      name: 'customers-dob.csv',
      file: at('customers-dob.csv'),
      about:
        'customer list with full names and birth dates: a customers file, birth date never a response date',
      expect: { reading: { kind: 'customers', customers: 80 } },
      planted,
    },
  ];
};

interface SurveyText {
  file: string;
  about: string;
  headers: { id: string; date: string; nps: string; csat?: string; comment: string };
  delimiter?: string;
}

const SURVEYS_BY_LANGUAGE: SurveyText[] = [
  {
    file: 'nps-fr.csv',
    about: 'French NPS survey with comments holding card numbers and IBANs',
    headers: {
      id: 'ID réponse',
      date: 'Date',
      nps: 'Quelle est la probabilité que vous recommandiez notre service ?',
      comment: 'Commentaire',
    },
    delimiter: ';',
  },
  {
    file: 'nps-de.csv',
    about: 'German NPS survey with a satisfaction question',
    headers: {
      id: 'Antwort-ID',
      date: 'Datum',
      nps: 'Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?',
      csat: 'Wie zufrieden sind Sie insgesamt?',
      comment: 'Kommentar',
    },
    delimiter: ';',
  },
  {
    file: 'nps-es.csv',
    about: 'Spanish NPS survey with a satisfaction question',
    headers: {
      id: 'id_respuesta',
      date: 'Fecha',
      nps: '¿Qué probabilidad hay de que nos recomiende?',
      csat: '¿Qué tan satisfecho está con el servicio?',
      comment: 'Comentario',
    },
  },
  {
    file: 'nps-nl.csv',
    about: 'Dutch NPS survey',
    headers: {
      id: 'Respons ID',
      date: 'Datum',
      nps: 'Hoe waarschijnlijk is het dat u ons aanbeveelt bij vrienden?',
      csat: 'Hoe tevreden bent u?',
      comment: 'Opmerking',
    },
    delimiter: ';',
  },
];

/** Customer surveys in several languages; comments carry card numbers and IBANs to be masked. */
const languageSurveys: Builder = (at) =>
  SURVEYS_BY_LANGUAGE.map((survey, index) => {
    const rng = random(200 + index);
    const h = survey.headers;
    const rows: Row[] = [[h.id, h.date, h.nps, ...(h.csat ? [h.csat] : []), h.comment]];
    const scores: number[] = [];
    const planted: string[] = [];
    for (let i = 0; i < 150; i += 1) {
      const score = int(rng, 0, 10);
      scores.push(score);
      const card = luhnCard(rng);
      const account = iban(rng, 'FR', 27);
      const comment =
        i % 10 === 0
          ? `Carte ${card} débitée deux fois`
          : i % 10 === 5
            ? `Remboursement sur ${account} svp`
            : pickOne(rng, ['ok', 'Très bien', 'lent', '']);
      if (i % 10 === 0 && planted.length < 6) planted.push(card);
      if (i % 10 === 5 && planted.length < 6) planted.push(account);
      rows.push([
        `R${pad(i + 1, 4)}`,
        `2024-${pad(int(rng, 1, 3))}-${pad(int(rng, 1, 28))}`,
        score,
        ...(h.csat ? [int(rng, 1, 5)] : []),
        comment,
      ]);
    }
    writeCsv(at(survey.file), rows, survey.delimiter ?? ',');
    return {
      name: survey.file,
      file: at(survey.file),
      about: survey.about,
      expect: {
        reading: {
          kind: 'responses',
          nps: npsOf(scores),
          ...(h.csat ? { answers: { csat: 150 } } : {}),
          months: ['2024-01', '2024-02', '2024-03'],
        },
      },
      planted,
    };
  });

/** NPS survey rows followed by a totals row (also after a blank row); the total must not widen the scale. */
function npsWithTotals(seed: number, count: number): { rows: Row[]; scores: number[] } {
  const rng = random(seed);
  const rows: Row[] = [['Response ID', 'Date', 'How likely are you to recommend us to a friend?', 'Visits']];
  const scores: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const score = int(rng, 0, 10);
    scores.push(score);
    rows.push([`T${i + 1}`, `2024-05-${pad(int(rng, 1, 28))}`, score, int(rng, 1, 5)]);
  }
  return { rows, scores };
}

const totalsRows: Builder = async (at) => {
  const cases: CorpusCase[] = [];
  const plain = npsWithTotals(301, 120);
  const sum = plain.scores.reduce((a, b) => a + b, 0);
  writeCsv(at('nps-total-row.csv'), [...plain.rows, ['Total', null, sum, 360]]);
  cases.push({
    name: 'nps-total-row.csv',
    file: at('nps-total-row.csv'),
    about: 'NPS export ending in a Total row',
    expect: { reading: { kind: 'responses', nps: npsOf(plain.scores), months: ['2024-05'] } },
  });
  const blank = npsWithTotals(302, 90);
  writeCsv(
    at('nps-blank-then-summe.csv'),
    [...blank.rows, [null, null, null, null], ['Summe', null, blank.scores.reduce((a, b) => a + b, 0), 270]],
    ';',
  );
  cases.push({
    name: 'nps-blank-then-summe.csv',
    file: at('nps-blank-then-summe.csv'),
    about: 'NPS export with a blank row, then a Summe row',
    expect: { reading: { kind: 'responses', nps: npsOf(blank.scores), months: ['2024-05'] } },
  });
  const xlsx = npsWithTotals(303, 100);
  await writeXlsx(at('nps-formula-total.xlsx'), xlsx.rows, (sheet, dataRows) => {
    sheet.addRow([]);
    const last = dataRows + 1;
    sheet.addRow([
      'Grand Total',
      null,
      { formula: `SUM(C2:C${last})`, result: xlsx.scores.reduce((a, b) => a + b, 0) },
      { formula: `SUM(D2:D${last})`, result: 300 },
    ]);
  });
  cases.push({
    name: 'nps-formula-total.xlsx',
    file: at('nps-formula-total.xlsx'),
    about: 'NPS workbook with a blank row, then a Grand Total row of SUM formulas',
    expect: { reading: { kind: 'responses', nps: npsWithTotalsNps(xlsx.scores), months: ['2024-05'] } },
  });
  const csat = npsWithTotals(304, 80);
  const csatScores = csat.scores.map((s) => 1 + (s % 5));
  const csatRows: Row[] = [
    ['Ticket', 'Closed', 'How satisfied were you with the support?'],
    ...csatScores.map((s, i) => [`K${i}`, `2024-06-${pad(1 + (i % 28))}`, s] as Row),
  ];
  await writeXlsx(at('csat-totaal.xlsx'), csatRows, (sheet, dataRows) => {
    sheet.addRow([
      'Totaal',
      null,
      {
        formula: `AVERAGE(C2:C${dataRows + 1})`,
        result: round2(csatScores.reduce((a, b) => a + b, 0) / csatScores.length),
      },
    ]);
    sheet.addRow([
      'Gesamt',
      null,
      { formula: `SUM(C2:C${dataRows + 1})`, result: csatScores.reduce((a, b) => a + b, 0) },
    ]);
  });
  cases.push({
    name: 'csat-totaal.xlsx',
    file: at('csat-totaal.xlsx'),
    about: 'CSAT workbook ending in Totaal (AVERAGE) and Gesamt (SUM) formula rows',
    expect: { reading: { kind: 'responses', answers: { csat: 80 }, months: ['2024-06'] } },
  });
  const bank = bankChurnRows(305, 150);
  writeCsv(at('bank-churn-total.csv'), [
    ...bank.rows,
    [null, 'TOTAL', null, null, null, null, null, null, null, null, null, null, null, bank.churned],
  ]);
  cases.push({
    name: 'bank-churn-total.csv',
    file: at('bank-churn-total.csv'),
    about: 'bank churn with a TOTAL row summing Exited',
    expect: { reading: { kind: 'customers', customers: 150, churned: bank.churned } },
  });
  const revenue = revenueWide(306, 40);
  await writeXlsx(at('mrr-wide-summe.xlsx'), revenue.rows, (sheet, dataRows) => {
    sheet.addRow([
      'Summe',
      ...revenue.months.map((_, i) => ({
        formula: `SUM(${String.fromCharCode(66 + i)}2:${String.fromCharCode(66 + i)}${dataRows + 1})`,
        result: revenue.monthTotals[i] as number,
      })),
    ]);
  });
  cases.push({
    name: 'mrr-wide-summe.xlsx',
    file: at('mrr-wide-summe.xlsx'),
    about: 'wide MRR workbook (months as columns) ending in a Summe row of formulas',
    expect: { reading: { kind: 'revenue', mrr: round2(revenue.monthTotals.reduce((a, b) => a + b, 0)) } },
  });
  return cases;
};

const npsWithTotalsNps = npsOf;

function revenueWide(seed: number, count: number): { rows: Row[]; months: string[]; monthTotals: number[] } {
  const rng = random(seed);
  const months = ['2024-01', '2024-02', '2024-03', '2024-04'];
  const rows: Row[] = [['Account ID', ...months]];
  const monthTotals = months.map(() => 0);
  for (let i = 0; i < count; i += 1) {
    const values = months.map(() => int(rng, 100, 900));
    values.forEach((v, m) => (monthTotals[m] = (monthTotals[m] as number) + v));
    rows.push([`ACC-${pad(i + 1, 3)}`, ...values]);
  }
  return { rows, months, monthTotals };
}

/** Whitespace-aligned text exports, a space-delimited file and YYYYMMDD dates. */
const textTables: Builder = (at) => {
  const cases: CorpusCase[] = [];
  const rng = random(401);
  const survey: Row[] = [['response_id', 'date', 'likelihood_to_recommend', 'region']];
  const scores: number[] = [];
  for (let i = 0; i < 100; i += 1) {
    const score = int(rng, 0, 10);
    scores.push(score);
    survey.push([
      `S${i + 1}`,
      `2024${pad(int(rng, 7, 8))}${pad(int(rng, 1, 28))}`,
      score,
      pickOne(rng, ['North', 'South West', 'East']),
    ]);
  }
  writeAligned(
    at('nps-aligned.txt'),
    survey.map((row) => row.map((v) => (typeof v === 'string' ? v.replace(' ', '-') : v))),
  );
  cases.push({
    name: 'nps-aligned.txt',
    file: at('nps-aligned.txt'),
    about: 'whitespace-aligned .txt survey with YYYYMMDD dates',
    expect: { reading: { kind: 'responses', nps: npsOf(scores), months: ['2024-07', '2024-08'] } },
  });
  const bank = bankChurnRows(402, 120);
  writeAligned(at('bank-churn.prn'), bank.rows);
  cases.push({
    name: 'bank-churn.prn',
    file: at('bank-churn.prn'),
    about: 'bank churn as a space-padded .prn print file',
    expect: { reading: { kind: 'customers', customers: 120, churned: bank.churned } },
  });
  const customers: Row[] = [['customer_id', 'signup_date', 'churned']];
  let churned = 0;
  for (let i = 0; i < 60; i += 1) {
    const churn = rng() < 0.3 ? 1 : 0;
    churned += churn;
    customers.push([`CU${i + 1}`, `2023${pad(int(rng, 1, 12))}${pad(int(rng, 1, 28))}`, churn]);
  }
  writeFileSync(at('customers.dat'), customers.map((row) => row.join(' ')).join('\n') + '\n');
  cases.push({
    name: 'customers.dat',
    file: at('customers.dat'),
    about: 'single-space delimited .dat, read with --delimiter " " and --date-format YYYYMMDD',
    options: { delimiter: ' ', dateFormat: 'YYYYMMDD' },
    expect: { reading: { kind: 'customers', customers: 60, churned } },
  });
  const ymd: Row[] = [['response_id', 'date', 'nps']];
  const ymdScores: number[] = [];
  for (let i = 0; i < 70; i += 1) {
    const score = int(rng, 0, 10);
    ymdScores.push(score);
    ymd.push([`Y${i}`, `2024${pad(int(rng, 10, 11))}${pad(int(rng, 1, 28))}`, score]);
  }
  writeCsv(at('nps-yyyymmdd.csv'), ymd);
  cases.push({
    name: 'nps-yyyymmdd.csv',
    file: at('nps-yyyymmdd.csv'),
    about: 'NPS csv with YYYYMMDD dates and --date-format YYYYMMDD',
    options: { dateFormat: 'YYYYMMDD' },
    expect: { reading: { kind: 'responses', nps: npsOf(ymdScores), months: ['2024-10', '2024-11'] } },
  });
  return cases;
};

interface StaffText {
  file: string;
  lang: string;
  enps: string;
  items: string[];
  role: string;
  department: string;
  tenure: string;
}

const STAFF: StaffText[] = [
  {
    file: 'staff-en.csv',
    lang: 'English',
    enps: 'How likely are you to recommend working at Acme to a friend?',
    items: ['I understand what our customers need', 'Our onboarding is easy for customers'],
    role: 'Job Title',
    department: 'Department',
    tenure: 'Years at company',
  },
  {
    file: 'staff-fr.csv',
    lang: 'French',
    enps: 'Recommanderiez-vous notre entreprise comme employeur ?',
    items: ['Nos clients sont bien servis', 'Le service client répond vite'],
    role: 'Poste',
    department: 'Service',
    tenure: 'Ancienneté',
  },
  {
    file: 'staff-de.csv',
    lang: 'German',
    enps: 'Würden Sie uns als Arbeitgeber weiterempfehlen?',
    items: ['Unsere Kunden sind zufrieden', 'Der Support löst Probleme schnell'],
    role: 'Position',
    department: 'Abteilung',
    tenure: 'Betriebszugehörigkeit',
  },
  {
    file: 'staff-es.csv',
    lang: 'Spanish',
    enps: '¿Recomendaría trabajar en nuestra empresa?',
    items: ['Nuestros clientes están satisfechos', 'El soporte responde rápido'],
    role: 'Puesto',
    department: 'Departamento',
    tenure: 'Antigüedad',
  },
  {
    file: 'staff-nl.csv',
    lang: 'Dutch',
    enps: 'Zou u ons als werkgever aanbevelen?',
    items: ['Onze klanten zijn tevreden', 'De klantenservice reageert snel'],
    role: 'Functie',
    department: 'Afdeling',
    tenure: 'Dienstjaren',
  },
];

/** Staff surveys (employee NPS, self-assessment items, role and department) in five languages. */
const staffSurveys: Builder = (at) =>
  STAFF.map((staff, index) => {
    const rng = random(500 + index);
    const rows: Row[] = [[staff.role, staff.department, staff.tenure, staff.enps, ...staff.items]];
    for (let i = 0; i < 60; i += 1) {
      rows.push([
        pickOne(rng, ['Agent', 'Manager', 'Engineer']),
        pickOne(rng, ['Sales', 'Support', 'Product']),
        int(rng, 0, 10),
        int(rng, 0, 10),
        ...staff.items.map(() => int(rng, 1, 5)),
      ]);
    }
    writeCsv(at(staff.file), rows, index % 2 ? ';' : ',');
    return {
      name: staff.file,
      file: at(staff.file),
      about: `${staff.lang} staff survey (employee NPS, role, department, tenure): never customer NPS`,
      expect: { reading: { kind: 'assessments', assessments: 60 * (1 + staff.items.length) } },
    };
  });

/** Every row wrapped in one quoted field holding ;-separated values. */
const wrappedRows: Builder = (at) => {
  const rng = random(601);
  const lines = ['"response_id;date;How likely are you to recommend us?"'];
  const scores: number[] = [];
  for (let i = 0; i < 60; i += 1) {
    const score = int(rng, 0, 10);
    scores.push(score);
    lines.push(`"W${i};2024-02-${pad(int(rng, 1, 28))};${score}"`);
  }
  writeFileSync(at('double-wrapped.csv'), lines.join('\r\n') + '\r\n');
  const commas = ['"customer_id,signup_date,churned"'];
  for (let i = 0; i < 40; i += 1) commas.push(`"C${i},2023-0${1 + (i % 9)}-11,${i % 4 === 0 ? 1 : 0}"`);
  writeFileSync(at('double-wrapped-commas.csv'), commas.join('\n') + '\n');
  return [
    {
      name: 'double-wrapped.csv',
      file: at('double-wrapped.csv'),
      about: 'every row one quoted field holding ;-separated values',
      expect: { reading: { kind: 'responses', nps: npsOf(scores), months: ['2024-02'] } },
    },
    {
      name: 'double-wrapped-commas.csv',
      file: at('double-wrapped-commas.csv'),
      about: 'every row one quoted field holding ,-separated values',
      expect: { reading: { kind: 'customers', customers: 40, churned: 10 } },
    },
  ];
};

/** Files that are no survey and no customer list: small integers with no question or id words. */
const notSurveys: Builder = (at) => {
  const rng = random(701);
  const rows: Row[] = [['sku', 'aisle', 'shelf', 'facings', 'stock_level']];
  for (let i = 0; i < 90; i += 1)
    rows.push([`SKU${1000 + i}`, int(rng, 0, 10), int(rng, 1, 5), int(rng, 1, 4), int(rng, 0, 9)]);
  writeCsv(at('store-layout.csv'), rows);
  const grades: Row[] = [['student', 'week', 'quiz_1', 'quiz_2', 'quiz_3']];
  for (let i = 0; i < 50; i += 1)
    grades.push([`ST${i}`, int(rng, 1, 12), int(rng, 0, 10), int(rng, 0, 10), int(rng, 0, 10)]);
  writeCsv(at('quiz-grades.csv'), grades);
  return [
    {
      name: 'store-layout.csv',
      file: at('store-layout.csv'),
      about: 'store layout: small-integer columns (aisle 0–10, shelf 1–5) with no survey words',
      expect: { refusal: /could not tell|not a survey|no survey question/i },
    },
    {
      name: 'quiz-grades.csv',
      file: at('quiz-grades.csv'),
      about: 'quiz grades 0–10 without any survey question',
      expect: { refusal: /could not tell|not a survey|no survey question/i },
    },
  ];
};

/** A survey with a birth-date column and no response date: an undated wave, never dated by birth. */
const surveyWithBirthDate: Builder = (at) => {
  const rng = random(801);
  const rows: Row[] = [
    [
      'respondent',
      'birth_date',
      'How likely are you to recommend our bank?',
      'How satisfied are you with our app?',
    ],
  ];
  const scores: number[] = [];
  const planted: string[] = [];
  for (let i = 0; i < 70; i += 1) {
    const score = int(rng, 0, 10);
    scores.push(score);
    const birth = `${int(rng, 1950, 2000)}-${pad(int(rng, 1, 12))}-${pad(int(rng, 1, 28))}`;
    if (i < 5) planted.push(birth);
    rows.push([`P${i}`, birth, score, int(rng, 1, 5)]);
  }
  writeCsv(at('survey-birth-date.csv'), rows);
  return [
    {
      name: 'survey-birth-date.csv',
      file: at('survey-birth-date.csv'),
      about: 'survey with birth dates and no response date: undated wave, birth dates not kept',
      expect: { reading: { kind: 'responses', nps: npsOf(scores), answers: { csat: 70 }, months: null } },
      planted,
    },
  ];
};

/** Every row rejected: --accept-rejects must not turn that into a successful, empty import. */
const allRejected: Builder = (at) => {
  const rows: Row[] = [['response_id', 'date', 'How likely are you to recommend us?']];
  for (let i = 0; i < 30; i += 1) rows.push([`X${i}`, `31/02/2024`, 5 + (i % 5)]);
  writeCsv(at('all-rejected.csv'), rows);
  return [
    {
      name: 'all-rejected.csv',
      file: at('all-rejected.csv'),
      about: 'every row has an impossible date, imported with --accept-rejects',
      options: { acceptRejects: true },
      expect: { refusal: /every row|all \d+ rows|rejected/i },
    },
  ];
};

/** A billing export that is as much a transaction log as a subscription list: the user must choose. */
const closeReadings: Builder = (at) => {
  const rng = random(901);
  const rows: Row[] = [['account_id', 'invoice_no', 'date', 'start_date', 'amount', 'mrr']];
  for (let i = 0; i < 60; i += 1) {
    const mrr = pickOne(rng, [49, 99, 199]);
    rows.push([
      `ACC${i % 20}`,
      `INV-${1000 + i}`,
      `2024-0${1 + (i % 6)}-15`,
      `2023-${pad(1 + (i % 12))}-01`,
      mrr * int(rng, 1, 3),
      mrr,
    ]);
  }
  writeCsv(at('billing-export.csv'), rows);
  return [
    {
      name: 'billing-export.csv',
      file: at('billing-export.csv'),
      about: 'billing export with invoice amounts and subscription MRR: transactions or subscriptions',
      expect: { refusal: /reads about equally well as .+ choose the kind: .+ or .+\./ },
    },
  ];
};

/**
 * A survey tool's export: respondent and collector ids, start and end times, IP and e-mail
 * address, first and last name, then the questions.
 */
const surveyToolExport: Builder = (at) => {
  const rng = random(1001);
  const rows: Row[] = [
    [
      'Respondent ID',
      'Collector ID',
      'Start Date',
      'End Date',
      'IP Address',
      'Email Address',
      'First Name',
      'Last Name',
      'How likely is it that you would recommend Acme to a friend or colleague?',
      'How easy was it to get your issue resolved?',
      'What is the main reason for your score?',
    ],
  ];
  const scores: number[] = [];
  const planted: string[] = [];
  for (let i = 0; i < 90; i += 1) {
    const p = person(rng, 'en', 5000 + i);
    const score = int(rng, 0, 10);
    scores.push(score);
    const day = pad(int(rng, 1, 28));
    if (i < 4) planted.push(p.email, p.ip);
    rows.push([
      11800000000 + i * 13,
      431000000,
      `09/${day}/2024 10:1${i % 10}:00 AM`,
      `09/${day}/2024 10:2${i % 10}:00 AM`,
      p.ip,
      p.email,
      p.first,
      p.last,
      score,
      int(rng, 1, 7),
      i % 9 === 0 ? `call me on ${p.phone}` : pickOne(rng, ['fast', 'slow support', 'price', '']),
    ]);
  }
  writeCsv(at('survey-tool-export.csv'), rows);
  return [
    {
      name: 'survey-tool-export.csv',
      file: at('survey-tool-export.csv'),
      about: 'survey tool export with IP, e-mail and names beside an NPS and an effort question',
      expect: {
        reading: { kind: 'responses', nps: npsOf(scores), answers: { ces: 90 }, months: ['2024-09'] },
      },
      planted,
    },
  ];
};

/** Product reviews: 1–5 stars is a rating; helpful votes 0–10 are no survey answer at all. */
const productReviews: Builder = (at) => {
  const rng = random(1101);
  const rows: Row[] = [
    ['review_id', 'product_id', 'review_date', 'star_rating', 'helpful_votes', 'review_text'],
  ];
  for (let i = 0; i < 80; i += 1)
    rows.push([
      `RV${i}`,
      `P${int(rng, 1, 9)}`,
      `2024-04-${pad(int(rng, 1, 28))}`,
      int(rng, 1, 5),
      int(rng, 0, 10),
      pickOne(rng, ['Great product', 'Broke after a week', 'OK for the price']),
    ]);
  writeCsv(at('product-reviews.csv'), rows);
  return [
    {
      name: 'product-reviews.csv',
      file: at('product-reviews.csv'),
      about: 'product reviews: star rating 1–5 and helpful votes 0–10 — a rating, never an NPS',
      expect: { reading: { kind: 'responses', nps: { n: 0, value: NaN }, answers: { rating: 80 } } },
    },
  ];
};

/**
 * A support survey asks about "the staff who helped you" and names the department that helped:
 * still customers' answers. An HR export (employee number, job role, years at the company,
 * 1–4 satisfaction items) is the staff's.
 */
const staffOrCustomers: Builder = (at) => {
  const rng = random(1201);
  const support: Row[] = [
    [
      'Ticket ID',
      'Date',
      'Department',
      'How satisfied were you with the staff who helped you?',
      'How likely are you to recommend us?',
    ],
  ];
  const scores: number[] = [];
  for (let i = 0; i < 80; i += 1) {
    const score = int(rng, 0, 10);
    scores.push(score);
    support.push([
      `T${i}`,
      `2024-06-${pad(int(rng, 10, 28))}`,
      pickOne(rng, ['Billing', 'Tech support']),
      int(rng, 1, 5),
      score,
    ]);
  }
  writeCsv(at('support-survey.csv'), support);
  const hr: Row[] = [
    [
      'Age',
      'Attrition',
      'Department',
      'EmployeeNumber',
      'EnvironmentSatisfaction',
      'JobRole',
      'JobSatisfaction',
      'WorkLifeBalance',
      'YearsAtCompany',
    ],
  ];
  for (let i = 0; i < 120; i += 1)
    hr.push([
      int(rng, 20, 60),
      pickOne(rng, ['Yes', 'No', 'No', 'No']),
      pickOne(rng, ['Sales', 'R&D']),
      1000 + i,
      1 + (i % 4),
      pickOne(rng, ['Sales Executive', 'Manager']),
      1 + ((i + 1) % 4),
      1 + ((i + 2) % 4),
      int(rng, 0, 30),
    ]);
  writeCsv(at('hr-attrition.csv'), hr);
  return [
    {
      name: 'support-survey.csv',
      file: at('support-survey.csv'),
      about: 'customer support survey with a Department column and a question about staff: customer answers',
      expect: {
        reading: { kind: 'responses', nps: npsOf(scores), answers: { csat: 80 }, months: ['2024-06'] },
      },
    },
    {
      name: 'hr-attrition.csv',
      file: at('hr-attrition.csv'),
      about:
        'HR attrition export with employee number, job role, tenure and 1–4 satisfaction items: staff, not customers',
      expect: { reading: { kind: 'assessments', assessments: 360 } },
    },
  ];
};

const BUILDERS: Builder[] = [
  bankChurn,
  ecommerceChurn,
  telecomChurn,
  customerMasters,
  birthDates,
  languageSurveys,
  totalsRows,
  textTables,
  staffSurveys,
  wrappedRows,
  notSurveys,
  surveyWithBirthDate,
  allRejected,
  closeReadings,
  surveyToolExport,
  productReviews,
  staffOrCustomers,
];

if (process.argv[1]?.endsWith('generate.ts') && process.argv[2]) {
  const cases = await buildCorpus(process.argv[2]);
  for (const c of cases)
    console.log(`${c.name}\t${'refusal' in c.expect ? 'refusal' : c.expect.reading.kind}\t${c.about}`);
}
