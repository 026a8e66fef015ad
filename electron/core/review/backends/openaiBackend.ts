import type { DraftingSettings } from '../../../../shared/contract/review';
import { FIELD_LABELS } from '../../../../shared/review/fields';
import { buildChatRequest, ChatReplyError, parseChatReply } from '../../../../shared/review/openaiChat';
import { CoreError } from '../../errors';
import type { DraftingBackendImpl } from './backend';

export const OPENAI_BACKEND_VERSION = '1.0.0';

class RetryableError extends Error {}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CoreError('CANCELLED', 'Drafting was cancelled.'));
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new CoreError('CANCELLED', 'Drafting was cancelled.'));
      },
      { once: true },
    );
  });
}

/** POSTs one chat completion with a timeout; network errors, timeouts, 429 and 5xx may be retried. */
async function postChat(url: string, body: unknown, timeoutMs: number, signal: AbortSignal): Promise<unknown> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const both = AbortSignal.any([signal, timeout]);
  let res: Response;
  try {
    res = await fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: both });
  } catch (e) {
    if (signal.aborted) throw new CoreError('CANCELLED', 'Drafting was cancelled.');
    if (timeout.aborted) throw new RetryableError(`the server did not answer within ${Math.round(timeoutMs / 1000)} s`);
    throw new RetryableError(`cannot reach ${url} (${(e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).message})`);
  }
  const text = await res.text().catch(() => '');
  if (res.status === 429 || res.status >= 500) throw new RetryableError(`the server answered ${res.status} ${text.slice(0, 200)}`);
  if (!res.ok) throw new CoreError('UNAVAILABLE', `The drafting server at ${url} refused the request (${res.status}): ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CoreError('UNAVAILABLE', `The drafting server at ${url} did not answer with JSON.`);
  }
}

/**
 * Drafting through an OpenAI-compatible chat endpoint (llama.cpp, Ollama, vLLM…): the measured facts as context,
 * the region images as base64 data URLs, the fields asked for as a JSON object.
 */
export function openaiBackend(settings: DraftingSettings): DraftingBackendImpl {
  if (!settings.url || !settings.model) throw new CoreError('INVALID_INPUT', 'The chat backend needs a URL and a model: set them in Settings → Drafting.');
  if (settings.remote && !settings.remoteConfirmed) {
    throw new CoreError('FORBIDDEN', `The drafting URL ${settings.url} is not on this computer and sending images there was not confirmed: confirm it in Settings → Drafting.`);
  }
  return {
    id: 'openai',
    version: OPENAI_BACKEND_VERSION,
    modelName: settings.model,
    modelVersion: settings.model,
    async draft(req) {
      const images = await req.images();
      const context = req.fields.map((f) => `${FIELD_LABELS[f]} (measured): ${req.composed[f] ?? ''}`).join('\n');
      const similar = req.retrieved
        ? `\n\nAn accepted rationale of a similar region (similarity ${req.retrieved.similarity.toFixed(2)}):\n${Object.entries(req.retrieved.texts)
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n')}`
        : '';
      const body = buildChatRequest({
        model: settings.model,
        fields: req.fields,
        context: context + similar,
        images: images.map((i) => ({ caption: i.caption, dataUrl: `data:image/jpeg;base64,${i.jpeg.toString('base64')}` })),
      });
      let lastError = '';
      for (let attempt = 0; attempt <= settings.retries; attempt++) {
        if (attempt > 0) await sleep(Math.min(8000, 500 * 2 ** (attempt - 1)), req.signal);
        try {
          const reply = parseChatReply(await postChat(settings.url, body, settings.timeoutMs, req.signal), req.fields);
          return { texts: reply.texts, modelVersion: reply.model ?? undefined };
        } catch (e) {
          if (e instanceof RetryableError || e instanceof ChatReplyError) {
            lastError = e.message;
            continue;
          }
          throw e;
        }
      }
      throw new CoreError('UNAVAILABLE', `The drafting server at ${settings.url} failed ${settings.retries + 1} time${settings.retries ? 's' : ''}: ${lastError}.`);
    },
  };
}
