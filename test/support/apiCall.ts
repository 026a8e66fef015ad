/** Calls the core over HTTP with the launch token, as a script would (for test setup and checks). */
export async function apiCall<T = unknown>(app: { origin: string; token: string }, name: string, input: unknown, actorId?: number): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' };
  if (actorId !== undefined) headers['X-Sightline-Actor'] = String(actorId);
  const res = await fetch(`${app.origin}/api/call/${name}`, { method: 'POST', headers, body: JSON.stringify({ input }) });
  const env = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!env.ok) throw new Error(`${name}: ${env.error?.code} ${env.error?.message}`);
  return env.value as T;
}
