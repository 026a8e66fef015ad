import { FIELD_LABELS, type FieldTexts, type RationaleField } from './fields';

/** One image for the model, already a data URL ("data:image/jpeg;base64,…"). */
export interface ChatImage {
  caption: string;
  dataUrl: string;
}

export interface ChatRequestInput {
  model: string;
  fields: readonly RationaleField[];
  /** What the app measured, in words (the built-in draft is a good summary). */
  context: string;
  images: readonly ChatImage[];
}

const SYSTEM_PROMPT =
  'You are assisting a pathologist who reviews whole-slide images. You draft short, factual rationales that a pathologist will check and edit. ' +
  'Describe only what the images and the measurements support; never invent clinical history; never include names, dates or record numbers. ' +
  'Answer with one JSON object and nothing else.';

/** An OpenAI-compatible chat completion request asking for the item's fields as a JSON object. */
export function buildChatRequest(input: ChatRequestInput): Record<string, unknown> {
  const keys = input.fields.map((f) => `"${f}" (${FIELD_LABELS[f]})`).join(', ');
  const content: Array<Record<string, unknown>> = [
    { type: 'text', text: `Measurements and context:\n${input.context}\n\nWrite a JSON object with the string keys ${keys}. Keep each to at most three sentences.` },
  ];
  for (const img of input.images) {
    content.push({ type: 'text', text: img.caption });
    content.push({ type: 'image_url', image_url: { url: img.dataUrl } });
  }
  return {
    model: input.model,
    temperature: 0.2,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content },
    ],
  };
}

export class ChatReplyError extends Error {}

/** The first {...} object in a reply (models often wrap JSON in prose or ``` fences). */
function firstJsonObject(text: string): unknown {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      try {
        return JSON.parse(text.slice(start, i + 1));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The fields from a chat completion response body. A reply that is not JSON fills the first field with the whole
 * text (still a usable draft); a response with no message at all is an error.
 */
export function parseChatReply(body: unknown, fields: readonly RationaleField[]): { texts: FieldTexts; model: string | null } {
  const b = body as { model?: unknown; choices?: Array<{ message?: { content?: unknown } }> } | null;
  const content = b?.choices?.[0]?.message?.content;
  const model = typeof b?.model === 'string' ? b.model : null;
  if (typeof content !== 'string' || content.trim() === '') throw new ChatReplyError('The drafting server answered without a message.');
  const parsed = firstJsonObject(content);
  const texts: FieldTexts = {};
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const f of fields) {
      const v = (parsed as Record<string, unknown>)[f];
      if (typeof v === 'string') texts[f] = v.trim();
    }
  }
  if (Object.keys(texts).length === 0) texts[fields[0]] = content.trim();
  for (const f of fields) texts[f] ??= '';
  return { texts, model };
}
