import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ModelCard, compareVersions, nextVersion, signatureMismatches, type TensorSpec } from '../../../shared/models/card';

const shipped = JSON.parse(readFileSync(new URL('../../../models/roi-proposer/card.json', import.meta.url), 'utf8'));

describe('model card', () => {
  it('accepts the shipped card and rejects one with a bad hash or a missing field', () => {
    expect(ModelCard.safeParse(shipped).success).toBe(true);
    const badHash = ModelCard.safeParse({ ...shipped, sha256: 'abc' });
    expect(badHash.success).toBe(false);
    expect(badHash.error?.issues[0].message).toMatch(/64 lower-case hex/);
    const { licence: _licence, ...noLicence } = shipped;
    expect(ModelCard.safeParse(noLicence).success).toBe(false);
    expect(ModelCard.safeParse({ ...shipped, extra: 1 }).success).toBe(false);
  });

  const declared: TensorSpec[] = [{ name: 'image', dtype: 'uint8', shape: [1, 'height', 'width', 3] }];

  it('matches a signature with the same names, types, ranks and fixed sizes', () => {
    expect(signatureMismatches('input', declared, [{ name: 'image', dtype: 'uint8', shape: [1, 'h', 'w', 3] }])).toEqual([]);
    // A free size in the model takes the card's fixed one.
    expect(signatureMismatches('input', declared, [{ name: 'image', dtype: 'uint8', shape: ['batch', 'h', 'w', 'c'] }])).toEqual([]);
  });

  it('names every difference', () => {
    expect(signatureMismatches('input', declared, [{ name: 'pixels', dtype: 'uint8', shape: [1, 'h', 'w', 3] }])[0]).toMatch(/inputs are \[pixels\] in the model but \[image\] on the card/);
    expect(signatureMismatches('input', declared, [{ name: 'image', dtype: 'float32', shape: [1, 'h', 'w', 3] }])[0]).toMatch(/is float32 in the model but uint8/);
    expect(signatureMismatches('input', declared, [{ name: 'image', dtype: 'uint8', shape: [1, 'h', 'w'] }])[0]).toMatch(/rank 3 in the model but 4/);
    expect(signatureMismatches('input', declared, [{ name: 'image', dtype: 'uint8', shape: [1, 'h', 'w', 4] }])[0]).toMatch(/dimension 3 is 4 in the model but 3/);
    expect(signatureMismatches('input', declared, [{ name: 'image', dtype: 'uint8', shape: [1, 512, 'w', 3] }])[0]).toMatch(/dimension 1 is 512 in the model but height/);
  });

  it('bumps the minor version past every existing one', () => {
    expect(nextVersion(['1.0.0'])).toBe('1.1.0');
    expect(nextVersion(['1.0.0', '1.10.0', '1.2.0'])).toBe('1.11.0');
    expect(nextVersion([])).toBe('0.1.0');
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
  });
});
