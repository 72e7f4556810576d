// The app's first screen in one file: every module that the given modules import (statically, all the way down:
// react-dom, the router, tRPC, the report view...), except what the entry already has, goes into one chunk named
// `app`. Left to itself the bundler cut them into nine files by who shares what; the browser opens six
// connections to a server, so the small files queued behind the large ones, and the first page's API requests
// (sent by the entry) queued behind all of them. Other pages' own code still loads on demand, in its own files.
import type { Plugin } from 'vite';

/** `entry` and `modules` are source paths from the app's root (`/src/main.tsx`). */
export function appChunk(entry: string, modules: string[]): Plugin {
  const inApp = new Set<string>();
  const inEntry = new Set<string>();
  return {
    name: 'callmine-app-chunk',
    apply: 'build',
    buildEnd() {
      const ids = [...this.getModuleIds()];
      const find = (path: string) => {
        const id = ids.find((candidate) => candidate.replaceAll('\\', '/').endsWith(path));
        if (!id) throw new Error(`appChunk: no module ${path}`);
        return id;
      };
      const reach = (from: string[]) => {
        const seen = new Set<string>();
        const visit = (id: string) => {
          if (seen.has(id)) return;
          seen.add(id);
          for (const dep of this.getModuleInfo(id)?.importedIds ?? []) visit(dep);
        };
        for (const id of from) visit(id);
        return seen;
      };
      const entryId = find(entry);
      inEntry.clear();
      for (const id of reach([entryId])) if (id !== entryId) inEntry.add(id);
      inApp.clear();
      for (const id of reach(modules.map(find))) if (!inEntry.has(id)) inApp.add(id);
    },
    outputOptions(options) {
      return {
        ...options,
        codeSplitting: {
          groups: [
            // The app's chunk takes what its modules import, recursively: the entry's modules (some of which the
            // app imports too) are grouped first, or the entry would import the whole app before it could run.
            { name: 'start', test: (id: string) => inEntry.has(id), priority: 2 },
            // The bundler's own helpers (CommonJS interop for react) go with the app: a file of their own would be
            // one more request.
            {
              name: 'app',
              test: (id: string) => inApp.has(id) || id.includes('rolldown/runtime'),
              priority: 1,
            },
          ],
        },
      };
    },
  };
}
