import { describe, expect, it } from 'vitest';
import { calls, isCallName } from '../../../shared/contract';

describe('the API contract', () => {
  it('names each call once, with the key equal to the name', () => {
    for (const [key, def] of Object.entries(calls)) expect(def.name).toBe(key);
  });

  it('knows its calls and nothing else', () => {
    expect(isCallName('profiles.create')).toBe(true);
    expect(isCallName('toString')).toBe(false);
    expect(isCallName('profiles.drop')).toBe(false);
  });

  it('refuses a profile without a name and trims the name it keeps', () => {
    expect(calls['profiles.create'].input.safeParse({ name: '   ', role: 'pathologist' }).success).toBe(false);
    expect(calls['profiles.create'].input.parse({ name: '  Ada ', role: 'annotator' }).name).toBe('Ada');
    expect(calls['profiles.create'].input.safeParse({ name: 'Ada', role: 'surgeon-in-chief' }).success).toBe(false);
  });

  it('refuses unknown fields, so a typo is not silently ignored', () => {
    expect(calls['cases.create'].input.safeParse({ projectId: 1, name: 'A', nmae: 'B' }).success).toBe(false);
  });
});
