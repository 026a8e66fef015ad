import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelCard } from '../../../shared/models/card';
import { DEFAULT_CARD_PATH, resolveVadModel } from '../../../electron/core/video/vad/sileroModel';

describe('the Silero VAD card against the npm package it names', () => {
  it('states the licence, package and version that the installed package itself declares', () => {
    const card = ModelCard.parse(JSON.parse(readFileSync(DEFAULT_CARD_PATH, 'utf8')));
    const { modelPath } = resolveVadModel();
    // <package>/weights/<file>.onnx: the package folder is two levels up from the weights file.
    const packageDir = dirname(dirname(modelPath));
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
    expect(pkg.name).toBe(card.source?.package);
    expect(pkg.version).toBe(card.source?.version);
    expect(join(packageDir, card.source!.file!)).toBe(modelPath);
    // The card's licence starts with the package's SPDX identifier, and the licence file the card points to is there.
    expect(card.licence.split(/[\s(]/)[0]).toBe(pkg.license);
    const licence = readFileSync(join(packageDir, 'LICENSE'), 'utf8');
    expect(licence).toMatch(new RegExp(`^${pkg.license} License`, 'm'));
    const holder = /^Copyright \(c\) [\d-]+(?:present)? (.+)$/m.exec(licence)?.[1];
    expect(holder && card.licence.includes(holder)).toBe(true);
  });
});
