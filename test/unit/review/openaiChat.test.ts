import { describe, expect, it } from 'vitest';
import { buildChatRequest, ChatReplyError, parseChatReply } from '../../../shared/review/openaiChat';
import { measureRegion, nearest } from '../../../shared/review/measure';

describe('OpenAI-compatible chat', () => {
  it('sends the context and each image as a data URL, asking for the fields as JSON', () => {
    const req = buildChatRequest({ model: 'llava', fields: ['why', 'findings'], context: 'tissue 80%', images: [{ caption: 'Region at 10×', dataUrl: 'data:image/jpeg;base64,AAAA' }] }) as {
      model: string;
      messages: Array<{ role: string; content: unknown }>;
    };
    expect(req.model).toBe('llava');
    const user = req.messages[1].content as Array<Record<string, unknown>>;
    expect(String(user[0].text)).toContain('"why"');
    expect(user[2]).toEqual({ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AAAA' } });
  });

  it('reads the fields from a JSON reply, in fences or prose, and falls back to the whole text', () => {
    const reply = (content: string) => ({ model: 'llava:7b', choices: [{ message: { role: 'assistant', content } }] });
    expect(parseChatReply(reply('```json\n{"why": "Dense nuclei {here}.", "findings": "Atypia."}\n```'), ['why', 'findings'])).toEqual({
      texts: { why: 'Dense nuclei {here}.', findings: 'Atypia.' },
      model: 'llava:7b',
    });
    expect(parseChatReply(reply('No JSON, just words.'), ['why', 'findings']).texts).toEqual({ why: 'No JSON, just words.', findings: '' });
    expect(() => parseChatReply({ choices: [] }, ['why'])).toThrow(ChatReplyError);
  });
});

describe('measurement and retrieval', () => {
  const patch = (r: number, g: number, b: number) => {
    const px = new Uint8Array(64 * 64 * 3);
    for (let i = 0; i < 64 * 64; i++) px.set([r, g, b], i * 3);
    return px;
  };

  it('sees no tissue on white glass, and brown DAB on a brown patch', () => {
    const white = measureRegion(patch(250, 250, 250), 64, 64);
    expect(white.measure.tissueFraction).toBe(0);
    const brown = measureRegion(patch(150, 90, 40), 64, 64);
    expect(brown.measure.tissueFraction).toBe(1);
    expect(brown.measure.dabPositiveFraction).toBe(1);
    const blue = measureRegion(patch(80, 80, 160), 64, 64);
    expect(blue.measure.haematoxylinOd).toBeGreaterThan(brown.measure.haematoxylinOd);
    expect(blue.measure.dabPositiveFraction).toBeLessThan(0.5);
    const near = nearest(measureRegion(patch(152, 92, 42), 64, 64).embedding, [{ id: 'blue', ...blue }, { id: 'brown', ...brown }], 0.9);
    expect(near?.candidate.id).toBe('brown');
    expect(nearest(white.embedding, [{ id: 'brown', ...brown }], 0.9)).toBeNull();
  });
});
