// The baseline for bench/api: bare Hono on @hono/node-server answering the same JSON body as the signed-in query,
// with nothing else (no session, database, tRPC or logging). Its own process, like the server it is compared to.
//   node --import tsx bench/api/bare-hono.ts <port> <body file>
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const [port = '0', bodyFile = ''] = process.argv.slice(2);
const body = readFileSync(bodyFile, 'utf8');
const app = new Hono().get('/trpc/integrations.gong.get', (c) =>
  c.body(body, 200, { 'content-type': 'application/json' }),
);
serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, () => console.log('listening'));
