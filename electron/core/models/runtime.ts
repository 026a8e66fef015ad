import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CoreError } from '../errors';
import { unpackedPath } from './modelPaths';

export type TensorType = 'float32' | 'uint8' | 'int8' | 'int32' | 'int64' | 'bool' | 'float64';
export type TensorArray = Float32Array | Uint8Array | Int8Array | Int32Array | BigInt64Array | Float64Array;

export interface TensorData {
  type: TensorType;
  dims: number[];
  data: TensorArray;
}

export interface ValueSignature {
  name: string;
  dtype: string;
  shape: Array<number | string>;
}

/** Which model file to run; `key` (the file's sha256) keys the session cache. */
export interface ModelRef {
  path: string;
  key: string;
}

interface Task {
  id: number;
  message: Record<string, unknown>;
  transfer: ArrayBuffer[];
  resolve(v: unknown): void;
  reject(e: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
  /** Only this worker may take the task (warming); dropped if that worker goes. */
  slot?: Slot;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  /** Still finishing a run whose caller gave up; its result will be dropped. */
  draining: boolean;
  /** Models warm() has loaded in this worker. */
  warmed: Set<string>;
}

const WORKER_URL = new URL('./inferenceWorker.mjs', import.meta.url);

function cancelled(): CoreError {
  return new CoreError('CANCELLED', 'The model run was cancelled.');
}

/**
 * ONNX Runtime in worker threads: the caller's event loop never waits on inference. Runs queue for a small pool
 * of workers, each caching its sessions per model file. Aborting a run drops it from the queue or, if it is
 * running, releases the caller at once and drops the result: ONNX Runtime cannot be interrupted mid-run, and
 * terminating a worker inside a native call can abort the whole process, so the worker finishes that one run
 * on the side (a fresh worker takes its place meanwhile) and is then retired.
 */
export class ModelRuntime {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  readonly size: number;
  private readonly threadsPerWorker: number;

  constructor(opts: { workers?: number; threadsPerWorker?: number } = {}) {
    this.size = Math.max(1, opts.workers ?? Math.min(2, availableParallelism()));
    this.threadsPerWorker = Math.max(1, opts.threadsPerWorker ?? 1);
  }

  /** Workers alive now (idle, busy, or finishing an abandoned run). */
  get liveWorkers(): number {
    return this.slots.length;
  }

  /** Workers that will take new runs (not finishing an abandoned one). */
  private get activeSlots(): Slot[] {
    return this.slots.filter((s) => !s.draining);
  }

  run(model: ModelRef, feeds: Record<string, TensorData>, signal?: AbortSignal): Promise<Record<string, TensorData>> {
    const transfer: ArrayBuffer[] = [];
    const plain: Record<string, TensorData> = {};
    for (const [name, t] of Object.entries(feeds)) {
      // Copy into a buffer of its own so the caller's array stays usable and the copy can be moved, not cloned.
      const data = t.data.slice() as TensorArray;
      plain[name] = { type: t.type, dims: t.dims, data };
      transfer.push(data.buffer as ArrayBuffer);
    }
    return this.submit({ type: 'run', path: model.path, key: model.key, feeds: plain }, transfer, signal).then((r) => (r as { outputs: Record<string, TensorData> }).outputs);
  }

  /**
   * Starts every worker of the pool and loads the model in each (a worker that has loaded it already is skipped), so
   * the first runs do not wait for that. Resolves when all are ready; failures are left for the real runs to report.
   */
  async warm(model: ModelRef): Promise<void> {
    if (this.closed) return;
    while (this.activeSlots.length < this.size) this.spawn();
    const key = `${model.key}\u0000${model.path}`;
    await Promise.all(
      this.activeSlots
        .filter((slot) => !slot.warmed.has(key))
        .map(async (slot) => {
          slot.warmed.add(key);
          try {
            await this.submit({ type: 'describe', path: model.path, key: model.key }, [], undefined, slot);
          } catch {
            slot.warmed.delete(key);
          }
        }),
    );
  }

  /** The input and output signature of a model file, as ONNX Runtime loads it. */
  describe(model: ModelRef, signal?: AbortSignal): Promise<{ inputs: ValueSignature[]; outputs: ValueSignature[] }> {
    return this.submit({ type: 'describe', path: model.path, key: model.key }, [], signal) as Promise<{ inputs: ValueSignature[]; outputs: ValueSignature[] }>;
  }

  private submit(message: Record<string, unknown>, transfer: ArrayBuffer[], signal?: AbortSignal, slot?: Slot): Promise<unknown> {
    if (this.closed) return Promise.reject(new CoreError('UNAVAILABLE', 'The model runtime has been shut down.'));
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise((resolve, reject) => {
      const task: Task = { id: this.nextId++, message, transfer, resolve, reject, signal, slot };
      if (signal) {
        task.onAbort = () => this.abort(task);
        signal.addEventListener('abort', task.onAbort, { once: true });
      }
      this.queue.push(task);
      this.pump();
    });
  }

  private settle(task: Task, ok: boolean, value: unknown): void {
    if (task.signal && task.onAbort) task.signal.removeEventListener('abort', task.onAbort);
    if (ok) task.resolve(value);
    else task.reject(value);
  }

  private abort(task: Task): void {
    const queued = this.queue.indexOf(task);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(task, false, cancelled());
      return;
    }
    const slot = this.slots.find((s) => s.task === task);
    if (!slot) return;
    slot.task = null;
    slot.draining = true;
    this.settle(task, false, cancelled());
    this.pump();
  }

  private retire(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.task = null;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
  }

  private spawn(): Slot {
    const worker = new Worker(unpackedPath(fileURLToPath(WORKER_URL)), { workerData: { threads: this.threadsPerWorker } });
    worker.unref();
    const slot: Slot = { worker, task: null, draining: false, warmed: new Set() };
    worker.on('message', (msg: { id: number; ok: boolean; error?: string }) => {
      if (slot.draining) {
        // The abandoned run is over; nothing native is in flight, so the worker can go safely.
        this.retire(slot);
        this.pump();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== msg.id) return;
      slot.task = null;
      if (msg.ok) this.settle(task, true, msg);
      else this.settle(task, false, new CoreError('CORRUPT_FILE', `ONNX Runtime could not run the model: ${msg.error ?? 'unknown error'}`));
      this.pump();
    });
    const die = (e: unknown) => {
      const task = slot.task;
      this.retire(slot);
      if (task) this.settle(task, false, new CoreError('INTERNAL', `The inference worker stopped: ${e instanceof Error ? e.message : String(e)}`));
      this.pump();
    };
    worker.on('error', die);
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) die(new Error(`exit code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  private pump(): void {
    for (let q = 0; q < this.queue.length; ) {
      const task = this.queue[q];
      let slot: Slot | null;
      if (task.slot) {
        if (!this.activeSlots.includes(task.slot)) {
          this.queue.splice(q, 1);
          this.settle(task, false, new CoreError('UNAVAILABLE', 'The worker this run was meant for is gone.'));
          continue;
        }
        slot = task.slot.task === null ? task.slot : null;
      } else {
        const active = this.activeSlots;
        slot = active.find((s) => s.task === null && !this.queue.some((t, j) => j < q && t.slot === s)) ?? (active.length < this.size ? this.spawn() : null);
      }
      if (!slot) {
        q++;
        continue;
      }
      this.queue.splice(q, 1);
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, ...task.message }, task.transfer);
    }
    for (const s of this.slots) if (s.task === null && !s.draining) s.worker.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) this.settle(t, false, new CoreError('UNAVAILABLE', 'The model runtime has been shut down.'));
    for (const s of [...this.slots]) {
      const task = s.task;
      if (task) this.settle(task, false, new CoreError('UNAVAILABLE', 'The model runtime has been shut down.'));
      if (task || s.draining) {
        // Let the native run end before the worker goes (see the class comment).
        s.task = null;
        s.draining = true;
      } else this.retire(s);
    }
  }
}

let shared: ModelRuntime | null = null;

/** The process-wide runtime (workers start on first use and never keep the process alive while idle). */
export function sharedRuntime(): ModelRuntime {
  shared ??= new ModelRuntime();
  return shared;
}

export async function closeSharedRuntime(): Promise<void> {
  const r = shared;
  shared = null;
  await r?.close();
}
