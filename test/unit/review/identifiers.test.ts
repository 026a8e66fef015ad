import { describe, expect, it } from 'vitest';
import { detectIdentifiers, redact, REDACTION } from '../../../shared/review/identifiers';

const kinds = (text: string, names: string[] = []) => detectIdentifiers(text, names).map((s) => [s.kind, s.text]);

describe('detectIdentifiers', () => {
  it('finds dates in numeric and written forms', () => {
    expect(kinds('Biopsy taken 12/03/2021 and reviewed 2021-03-15.')).toEqual([
      ['date', '12/03/2021'],
      ['date', '2021-03-15'],
    ]);
    expect(kinds('Seen on 3 March 2020, again March 12, 2021 and in Jan 2022.')).toEqual([
      ['date', '3 March 2020'],
      ['date', 'March 12, 2021'],
      ['date', 'Jan 2022'],
    ]);
  });

  it('finds record and accession numbers but not magnifications, measurements or coordinates', () => {
    expect(kinds('MRN: 12345678, accession S21-12345, NHS 943 476 5919.').map((k) => k[0])).toEqual(['record-number', 'record-number', 'record-number']);
    expect(kinds('Patient ID 445566 was biopsied.')).toEqual([['record-number', 'Patient ID 445566']]);
    expect(kinds('At 40× the box [18000, 18400, 22000, 21600] shows 35% DAB-positive tissue, OD 0.42, 512 × 512 px.')).toEqual([]);
  });

  it('finds names from the project list, whole words only, in any case, and surnames alone', () => {
    const names = ['Jane Doe', 'Smith'];
    expect(kinds('Slide of jane doe; Dr Smith agreed. Mrs Doe.', names)).toEqual([
      ['name', 'jane doe'],
      ['name', 'Smith'],
      ['name', 'Doe'],
    ]);
    expect(kinds('Smithfield and Doerr are not on the list.', names)).toEqual([]);
  });

  it('finds e-mail addresses and phone numbers', () => {
    expect(kinds('Contact a.b@hospital.org or +44 20 7946 0958.').map((k) => k[0])).toEqual(['email', 'phone']);
  });

  it('redacts the spans it found', () => {
    const text = 'Jane Doe, MRN 1234567, seen 01/02/2020.';
    const spans = detectIdentifiers(text, ['Jane Doe']);
    expect(redact(text, spans)).toBe(`${REDACTION}, ${REDACTION}, seen ${REDACTION}.`);
    expect(detectIdentifiers(redact(text, spans), ['Jane Doe'])).toEqual([]);
  });
});
