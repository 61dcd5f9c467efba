/** Personal data recognised by values and by headers in the supported languages, and masked in text. */
import { describe, expect, it } from 'vitest';
import { personalDataColumns, profileColumns, redactContacts } from '../../../src/core/import/detect';
import { isCardNumber, isIban } from '../../../src/core/import/detect/profile';
import type { RawRow } from '../../../src/core/import';

function columnsOf(header: string[], rows: Array<Array<string | number>>) {
  const raw: RawRow[] = rows.map((cells, i) => ({ rowNumber: i + 2, cells }));
  return personalDataColumns(profileColumns(header, raw));
}

describe('check digits', () => {
  it('Luhn: the published test number 4539 1488 0343 6467 passes, one digit changed fails', () => {
    expect(isCardNumber('4539 1488 0343 6467')).toBe(true);
    expect(isCardNumber('4539148803436467')).toBe(true);
    expect(isCardNumber('4539148803436468')).toBe(false);
    // 12 digits is too short for a card; all-zeros passes Luhn but is no card.
    expect(isCardNumber('453914880343')).toBe(false);
    expect(isCardNumber('0000000000000000')).toBe(false);
  });

  it('IBAN mod-97: the ISO 13616 examples pass, a changed digit fails', () => {
    expect(isIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(isIban('DE89370400440532013000')).toBe(true);
    expect(isIban('NL91ABNA0417164300')).toBe(true);
    expect(isIban('DE89370400440532013001')).toBe(false);
  });
});

describe('personal data columns', () => {
  it('by values: card numbers, IBANs and e-mails under headers that do not say so', () => {
    const found = columnsOf(
      ['ref', 'account', 'contact', 'segment'],
      [
        ['4539148803436467', 'DE89370400440532013000', 'a@example.com', 'SMB'],
        ['4111111111111111', 'NL91ABNA0417164300', 'b@example.org', 'SMB'],
        ['5500005555555559', 'GB82WEST12345698765432', 'c@example.net', 'Ent'],
      ],
    );
    expect(found.map((c) => [c.column, c.kind, c.action])).toEqual([
      ['ref', 'card', 'drop'],
      ['account', 'iban', 'drop'],
      ['contact', 'email', 'hash'],
    ]);
  });

  it.each([
    [
      'English',
      [
        'First Name',
        'Surname',
        'Date of Birth',
        'Street',
        'House Number',
        'Postcode',
        'National Insurance Number',
        'Contact Person',
        'Born',
      ],
    ],
    ['French', ['Prénom', 'Nom', 'Date de naissance', 'Adresse', 'Code postal', 'N° de sécurité sociale']],
    ['German', ['Vorname', 'Nachname', 'Geburtsdatum', 'Straße', 'Hausnummer', 'PLZ', 'Steuer-ID']],
    ['Spanish', ['Nombre', 'Apellidos', 'Fecha de nacimiento', 'Dirección', 'Código postal', 'DNI']],
    ['Dutch', ['Voornaam', 'Achternaam', 'Geboortedatum', 'Straat', 'Huisnummer', 'Postcode', 'BSN']],
  ])('by headers in %s: names, birth date, address and ID numbers are dropped', (_language, headers) => {
    const rows = [0, 1, 2].map((i) => headers.map((h) => `${h.slice(0, 3)} value ${i}`));
    const found = columnsOf(
      [...headers, 'Segment'],
      rows.map((r) => [...r, 'SMB']),
    );
    expect(found.map((c) => c.column)).toEqual(headers);
    expect(found.every((c) => c.action === 'drop')).toBe(true);
  });

  it('a "Numéro" column beside a street is a house number; elsewhere it is not personal', () => {
    const beside = columnsOf(['Rue', 'Numéro', 'Segment'], [['rue Nationale', '12', 'SMB']]);
    expect(beside.map((c) => c.column)).toEqual(['Rue', 'Numéro']);
    expect(columnsOf(['Numéro', 'Segment'], [['12', 'SMB']])).toEqual([]);
  });

  it('a 1–5 answer whose question mentions an address is not personal data', () => {
    const rows = [1, 2, 3, 4, 5, 3].map((score) => [score]);
    expect(columnsOf(['Did we address your issue?'], rows)).toEqual([]);
  });

  it('a yes/no flag whose header mentions a phone or e-mail is not personal data; numbers under it are', () => {
    const rows = [
      ['Yes', 'No', 'No phone service', '+44 20 7946 1000'],
      ['No', 'Yes', 'Yes', '+44 20 7946 1001'],
      ['Yes', 'No', 'No', '+44 20 7946 1002'],
    ];
    const found = columnsOf(['PhoneService', 'EmailOptIn', 'MultiplePhoneLines', 'Phone'], rows);
    expect(found.map((c) => [c.column, c.kind])).toEqual([['Phone', 'phone']]);
    // Masked numbers keep their digits, so a column named as phones stays personal data.
    const masked = columnsOf(['Phone'], [['***-***-1234'], ['***-***-9876'], ['***-***-5555']]);
    expect(masked.map((c) => c.kind)).toEqual(['phone']);
  });

  it('account names and company names are not personal data', () => {
    expect(columnsOf(['Account Name', 'Company'], [['Acme Ltd', 'Acme']])).toEqual([]);
  });
});

describe('masking in free text', () => {
  it('cards, IBANs (also followed by words), e-mails and phones are masked and counted', () => {
    const masked = redactContacts(
      'Card 4539 1488 0343 6467 charged twice, refund to DE89370400440532013000 please, mail a@b.com or call +44 20 7946 0018',
    );
    expect(masked.text).toBe(
      'Card [card] charged twice, refund to [IBAN] please, mail [e-mail] or call [phone]',
    );
    expect(masked.count).toBe(4);
  });

  it('order codes and dates stay as written', () => {
    expect(redactContacts('Order A1234567890123 of 2024-05-01').text).toBe(
      'Order A1234567890123 of 2024-05-01',
    );
  });
});
