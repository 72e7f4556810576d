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

/** The API reference, built from the router at start-up: HTML for people, JSON and OpenAPI 3.1 for tools. */
export function apiDocsRoutes(publicUrl: string) {
  const reference = buildApiReference();
  const page = renderApiReference(reference, publicUrl);
  // The same reference as OpenAPI 3.1, for generators (Python, Go…).
  const openApi = buildOpenApiDocument(reference, { publicUrl });
  return new Hono<AppEnv>()
    .get('/api', (c) => c.html(page))
    .get('/api.json', (c) => c.json(reference))
    .get('/openapi.json', (c) => c.json(openApi))
    .get('/api.css', (c) => c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8' }));
}
