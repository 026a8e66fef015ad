import { describe, expect, it } from 'vitest';
import { flagNames, redactNames } from '../../../shared/feedback/names';

describe('flagNames', () => {
  it("flags the project's names wherever they appear, case-insensitively, whole words only", () => {
    const text = 'Sarah, watch the ureter. sarah? Tell Sarahs nothing. Dr. Okafor will close.';
    const f = flagNames(text, { names: ['Sarah', 'Okafor'], heuristic: false });
    expect(f.map((x) => [x.text, x.reason])).toEqual([
      ['Sarah', 'list'],
      ['sarah', 'list'],
      ['Okafor', 'list'],
    ]);
    expect(redactNames(text, f)).toBe('[NAME], watch the ureter. [NAME]? Tell Sarahs nothing. Dr. [NAME] will close.');
  });

  it('flags capitalised words inside sentences and after titles, not sentence starts or known terms', () => {
    const text = 'Good. Now ask Miguel to hold the Maryland. I think Dr Chen wants the Vicryl. Okay.';
    const f = flagNames(text);
    expect(f.map((x) => x.text)).toEqual(['Miguel', 'Chen']);
    expect(f.every((x) => x.reason === 'capitalised')).toBe(true);
    expect(flagNames('Retract toward Gerota fascia, said Lee.', { allow: [] }).map((x) => x.text)).toEqual(['Lee']);
    expect(flagNames('Use the Hasson trocar.', { allow: ['Hasson'] })).toEqual([]);
  });

  it('does not double-flag a listed name that also looks like a name', () => {
    const f = flagNames('Thanks, Priya Raman.', { names: ['Priya Raman'] });
    expect(f).toEqual([{ start: 8, end: 19, text: 'Priya Raman', reason: 'list' }]);
  });
});
