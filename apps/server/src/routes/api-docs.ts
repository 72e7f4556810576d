import { buildApiReference, buildOpenApiDocument } from '@callmine/api';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { renderApiReference } from './api-docs/page.ts';

// The page obeys the app's CSP: no inline script or style, so its styles come from /docs/api.css.
const stylesheet = `body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2328}
h1,h2,h3{line-height:1.2}section.procedure{border-top:1px solid #d0d7de;padding:.5rem 0}section.procedure h3{margin:.5rem 0}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f6f8fa;padding:.75rem;overflow:auto;border-radius:6px}
.tag{display:inline-block;border:1px solid #d0d7de;border-radius:999px;padding:0 .5rem;margin-right:.25rem;font-size:12px}
details{margin:.25rem 0}summary{cursor:pointer;color:#0969da}ul.toc{padding-left:1.25rem}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}`;

/** Built from the router once a process: it never changes while the process runs, and the tests build an app per
 *  test (~100 ms of zod-to-JSON-schema each time on a busy 2-core machine). */
let routerReference: ReturnType<typeof buildApiReference> | undefined;

/** The API reference, built from the router at start-up (once a process): HTML for people, JSON and OpenAPI 3.1 for tools. */
export function apiDocsRoutes(publicUrl: string) {
  routerReference ??= buildApiReference();
  const reference = routerReference;
  // Both name this server's URL; made on the first request for them, as most apps (every test's) are never asked.
  let page: string | undefined;
  let openApi: ReturnType<typeof buildOpenApiDocument> | undefined;
  const pageOnce = () => {
    page ??= renderApiReference(reference, publicUrl);
    return page;
  };
  // The same reference as OpenAPI 3.1, for generators (Python, Go…).
  const openApiOnce = () => {
    openApi ??= buildOpenApiDocument(reference, { publicUrl });
    return openApi;
  };
  return new Hono<AppEnv>()
    .get('/api', (c) => c.html(pageOnce()))
    .get('/api.json', (c) => c.json(reference))
    .get('/openapi.json', (c) => c.json(openApiOnce()))
    .get('/api.css', (c) => c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8' }));
}
