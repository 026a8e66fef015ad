import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../shared/contract/models';
import type { CallOutput } from '../../../shared/contract';
import { GraphBuilder } from '../../../models/onnx-writer/graphBuilder';
import { encodeModel } from '../../../models/onnx-writer/onnx';
import { closeSharedRuntime } from '../../../electron/core/models/runtime';
import { call, tempCore, tempDir } from '../../support/tempCore';

afterAll(() => closeSharedRuntime());

const VOCAB = 29;

/** An acoustic model as a user might bring one: log-mel frames in, per-frame log-probabilities of 29 CTC tokens out. */
function asrModel(): Uint8Array {
  const b = new GraphBuilder('tiny-asr');
  const x = b.input({ name: 'features', dtype: 'float32', shape: ['batch', 'frames', 80] });
  const w = b.constant('w', [80, VOCAB], Array.from({ length: 80 * VOCAB }, (_, i) => Math.sin(i) / 10));
  const bias = b.constant('b', [VOCAB], new Array(VOCAB).fill(0));
  b.op('LogSoftmax', [b.op('Add', [b.op('MatMul', [x, w]), bias])], { axis: -1 }, 'log_probs');
  b.output({ name: 'log_probs', dtype: 'float32', shape: ['batch', 'frames', VOCAB] });
  return encodeModel({ irVersion: 8, opsetVersion: 13, producerName: 'test', producerVersion: '1', modelVersion: 1, graph: b.graph() });
}

function asrCard(bytes: Uint8Array, patch: Record<string, unknown> = {}) {
  return {
    name: 'tiny-asr',
    task: 'speech-recognition',
    version: '1.0.0',
    description: 'A user-supplied CTC acoustic model.',
    file: 'model.onnx',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    inputs: [{ name: 'features', dtype: 'float32', shape: ['batch', 'frames', 80] }],
    outputs: [{ name: 'log_probs', dtype: 'float32', shape: ['batch', 'frames', VOCAB] }],
    preprocessing: { sampleRate: 16000, notes: '80 log-mel bins per 10 ms frame' },
    licence: 'CC-BY-4.0',
    created: '2025-01-01',
    ...patch,
  };
}

function writeDir(dir: string, bytes: Uint8Array, card: object): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.onnx'), bytes);
  writeFileSync(join(dir, 'card.json'), JSON.stringify(card, null, 2));
  return join(dir, 'card.json');
}

type Speech = CallOutput<'video.speechModels'>;

describe('a speech-recognition model of the user’s, with a card', () => {
  it('is listed and checked like any model (file, sha256, inputs and outputs); none installed is a clear state', async () => {
    const dataDir = tempDir();
    const core = tempCore(dataDir);
    expect(await call<Speech>(core, 'video.speechModels', {})).toEqual({ models: [], transcribes: false });

    const bytes = asrModel();
    const incoming = tempDir('sightline-asr-');
    const added = await call<ModelEntry>(core, 'models.add', { path: writeDir(join(incoming, 'good'), bytes, asrCard(bytes)) });
    expect(added).toMatchObject({ name: 'tiny-asr', task: 'speech-recognition', status: 'ok', source: 'user' });
    expect((await call<ModelEntry[]>(core, 'models.list', {})).find((m) => m.name === 'tiny-asr')).toMatchObject({ task: 'speech-recognition', status: 'ok' });

    // A card without the sample rate its audio needs does not follow the format.
    const noRate = await core.invoke('models.add', { path: writeDir(join(incoming, 'no-rate'), bytes, asrCard(bytes, { version: '2.0.0', preprocessing: {} })) }, { actorId: null });
    expect(noRate).toMatchObject({ ok: false, error: { details: { reason: 'bad-card' }, message: expect.stringMatching(/preprocessing\.sampleRate: a speech-recognition model must say the sample rate/) } });
    // A card that names other tensors than the file has is refused.
    const renamed = asrCard(bytes, { version: '3.0.0', inputs: [{ name: 'audio', dtype: 'float32', shape: ['batch', 'samples'] }] });
    expect(await core.invoke('models.add', { path: writeDir(join(incoming, 'renamed'), bytes, renamed) }, { actorId: null })).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED_FILE', details: { reason: 'signature-mismatch' } },
    });

    // One placed in the models folder by hand whose file was changed afterwards is listed as refused, with why.
    const tampered = new Uint8Array([...bytes, 0]);
    writeDir(join(dataDir, 'models', 'tiny-asr', '4.0.0'), tampered, asrCard(bytes, { version: '4.0.0' }));
    const listed = await call<Speech>(core, 'video.speechModels', {});
    expect(listed.transcribes).toBe(false);
    expect(listed.models.map((m) => [m.version, m.status, m.sampleRate])).toEqual([
      ['4.0.0', 'refused', null],
      ['1.0.0', 'ok', 16000],
    ]);
    expect(listed.models[0].problem).toMatch(/not the file the card describes/);
    core.close();
  }, 60_000);
});
