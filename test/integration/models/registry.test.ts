import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../shared/contract/models';
import { createCore } from '../../../electron/core/createCore';
import { checkModel } from '../../../electron/core/models/modelCheck';
import { listModels } from '../../../electron/core/models/registry';
import { ModelRuntime } from '../../../electron/core/models/runtime';
import { closeSharedRuntime, sharedRuntime } from '../../../electron/core/models/runtime';
import { SHIPPED_CARD, SHIPPED_MODEL, oddModel, sha256, writeModelDir } from './modelFiles';

let root: string;
let runtime: ModelRuntime;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sightline-models-'));
  runtime = new ModelRuntime({ workers: 1 });
});
afterAll(async () => {
  await runtime.close();
  await closeSharedRuntime();
  rmSync(root, { recursive: true, force: true });
});

const shippedBytes = () => new Uint8Array(readFileSync(SHIPPED_MODEL));

describe('model registry', () => {
  it('checks the shipped model against its card', async () => {
    const m = await checkModel(SHIPPED_CARD, runtime);
    expect(m.card).toMatchObject({ name: 'roi-proposer', task: 'region-proposal' });
  });

  it('lists good user models and refuses each kind of mismatch with a clear message', async () => {
    const user = join(root, 'list', 'models');
    writeModelDir(join(user, 'roi-proposer', '7.0.0'), shippedBytes(), { version: '7.0.0' });
    writeModelDir(join(user, 'gone', '1.0.0'), null, { name: 'gone' });
    writeModelDir(join(user, 'tampered', '1.0.0'), shippedBytes(), { name: 'tampered', sha256: sha256(oddModel()) });
    writeModelDir(join(user, 'renamed-input', '1.0.0'), oddModel({ inputName: 'pixels' }), { name: 'renamed-input' });
    writeModelDir(join(user, 'float-input', '1.0.0'), oddModel({ dtype: 'float32' }), { name: 'float-input' });
    writeModelDir(join(user, 'rank-three', '1.0.0'), oddModel({ rank: 3 }), { name: 'rank-three' });
    writeModelDir(join(user, 'not-onnx', '1.0.0'), new TextEncoder().encode('this is not a model'), { name: 'not-onnx' });
    writeModelDir(join(user, 'broken-card', '1.0.0'), oddModel(), { name: 'broken-card' });
    writeFileSync(join(user, 'broken-card', '1.0.0', 'card.json'), '{"name": "broken-card", ');

    const list = await listModels({ shipped: join(SHIPPED_CARD, '..', '..'), user }, runtime);
    const by = (name: string): ModelEntry => list.find((m) => m.name === name || m.cardPath.includes(`/${name}/`)) as ModelEntry;
    const shipped = list.filter((m) => m.name === 'roi-proposer');
    expect(shipped.map((m) => [m.source, m.version, m.status])).toEqual([
      ['user', '7.0.0', 'ok'],
      ['shipped', '1.0.0', 'ok'],
    ]);
    expect(by('gone')).toMatchObject({ status: 'refused', reason: 'missing-file' });
    expect(by('gone').problem).toMatch(/its file .*model\.onnx is missing/);
    expect(by('tampered')).toMatchObject({ status: 'refused', reason: 'hash-mismatch' });
    expect(by('tampered').problem).toMatch(/not the file the card describes/);
    expect(by('renamed-input')).toMatchObject({ status: 'refused', reason: 'signature-mismatch' });
    expect(by('renamed-input').problem).toMatch(/inputs are \[pixels\] in the model but \[image\] on the card/);
    expect(by('float-input').problem).toMatch(/input "image" is float32 in the model but uint8 on the card/);
    expect(by('rank-three').problem).toMatch(/input "image" has rank 3 in the model but 4 on the card/);
    expect(by('not-onnx')).toMatchObject({ status: 'refused', reason: 'unloadable' });
    expect(by('broken-card')).toMatchObject({ status: 'refused', reason: 'bad-card' });
    expect(by('broken-card').problem).toMatch(/not valid JSON/);
  });
});

describe('models.add and models.list through the core', () => {
  it('adds a checked model with an audit row, and refuses bad ones without copying anything', async () => {
    const dataDir = join(root, 'core-data');
    const source = join(root, 'incoming');
    const good = writeModelDir(join(source, 'good'), oddModel(), { name: 'mean-intensity', version: '1.0.0' });
    const bad = writeModelDir(join(source, 'bad'), oddModel({ inputName: 'pixels' }), { name: 'bad-signature', version: '1.0.0' });
    const core = createCore({ dataDir, door: 'cli', version: 'test' });
    try {
      const added = await core.invoke('models.add', { path: good }, { actorId: null });
      expect(added.ok).toBe(true);
      const entry = (added as { value: ModelEntry }).value;
      expect(entry).toMatchObject({ name: 'mean-intensity', version: '1.0.0', source: 'user', status: 'ok' });
      expect(existsSync(join(dataDir, 'models', 'mean-intensity', '1.0.0', 'model.onnx'))).toBe(true);

      const again = await core.invoke('models.add', { path: good }, { actorId: null });
      expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'duplicate' } } });

      const refused = await core.invoke('models.add', { path: bad }, { actorId: null });
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FILE', details: { reason: 'signature-mismatch' } } });
      expect(existsSync(join(dataDir, 'models', 'bad-signature'))).toBe(false);

      const onnxAlone = await core.invoke('models.add', { path: join(source, 'good', 'model.onnx') }, { actorId: null });
      expect(onnxAlone).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      const viaOnnx = await core.invoke('models.add', { path: join(source, 'bad', 'model.onnx'), cardPath: good }, { actorId: null });
      expect(viaOnnx).toMatchObject({ ok: false, error: { code: 'CORRUPT_FILE', details: { reason: 'hash-mismatch' } } });

      const list = await core.invoke('models.list', {}, { actorId: null });
      const names = (list as { value: ModelEntry[] }).value.map((m) => `${m.source}:${m.name}@${m.version}:${m.status}`);
      expect(names).toEqual(expect.arrayContaining(['user:mean-intensity@1.0.0:ok', 'shipped:roi-proposer@1.0.0:ok']));
      // Listing gets the default proposer ready in every worker, before anyone asks for proposals.
      await expect.poll(() => sharedRuntime().liveWorkers).toBe(sharedRuntime().size);
    } finally {
      core.close();
    }
    const db = new Database(join(dataDir, 'sightline.db'), { readonly: true });
    const rows = db.prepare("SELECT action, entity_id FROM audit WHERE entity = 'model'").all();
    db.close();
    expect(rows).toEqual([{ action: 'add', entity_id: 'mean-intensity@1.0.0' }]);
  });
});
