// A pass-through in front of the sandbox's token endpoint that remembers Gong's answers, so a canary test knows the
// tokens Callmine received (they are sealed in the database; a test can't open them any more than the server can).
// Used by the server's and the worker's OAuth canaries.
import { createServer, type Server } from 'node:http';

export interface TokenProxy {
  url: string;
  /** Raw JSON bodies of every token answer, oldest first. */
  answers: string[];
  close(): Promise<void>;
  /** `await using proxy = await startTokenProxy(…)` closes it at scope end. */
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startTokenProxy(target: () => string): Promise<TokenProxy> {
  const answers: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      // Gong's parameters travel in the query string: pass it on unchanged, with any body and its type.
      const upstreamUrl = new URL(target());
      upstreamUrl.search = new URL(req.url ?? '/', 'http://proxy').search;
      const body = Buffer.concat(chunks);
      const contentType = req.headers['content-type'];
      const upstream = await fetch(upstreamUrl, {
        method: 'POST',
        headers: {
          authorization: req.headers.authorization ?? '',
          ...(contentType ? { 'content-type': contentType } : {}),
        },
        ...(body.length > 0 ? { body } : {}),
      });
      const text = await upstream.text();
      answers.push(text);
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(text);
    } catch {
      // Callmine gave up first (the latency fault) and the sandbox closed: nothing to pass on.
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url: `http://127.0.0.1:${port}/token`, answers, close, [Symbol.asyncDispose]: close };
}

/** Every access and refresh token in the recorded answers. */
export function tokensIn(answers: readonly string[]): string[] {
  return answers
    .map((text) => JSON.parse(text) as { access_token?: string; refresh_token?: string })
    .flatMap((answer) => [answer.access_token, answer.refresh_token])
    .filter((token): token is string => Boolean(token));
}
