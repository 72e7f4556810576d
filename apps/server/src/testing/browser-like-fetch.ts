/**
 * A fetch that behaves like a same-origin browser tab for tests in Node: it keeps cookies between calls and
 * sends the Origin header browsers send on POSTs.
 */
export function browserLikeFetch(
  origin: string,
  sendOrigin = origin,
): typeof fetch & { cookies: Map<string, string> } {
  const cookies = new Map<string, string>();
  const wrapped = async (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if ((init.method ?? 'GET').toUpperCase() !== 'GET') headers.set('origin', sendOrigin);
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim())) || value === '';
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  return Object.assign(wrapped, { cookies });
}
