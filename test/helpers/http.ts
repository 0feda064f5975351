/** A plain HTTP GET with fetch: what a client written from the public API description does. */
export async function get(url: string, token?: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(url, { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body, headers: res.headers };
}

/** A request to the emulator's admin route. */
export async function admin(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}/__emulator/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
  });
  return res.json();
}
