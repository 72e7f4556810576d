// The app's code preloaded from the HTML: the entry is small and loads the app with import(), so without these
// links the browser would learn of the app's files only once the entry has arrived and run (a round trip and a
// parse later). Every page needs the app; the report view is the page people open most, from links (12 KB
// compressed), so its code is preloaded on every page too. Other pages' code still loads on demand.
import type { HtmlTagDescriptor, Plugin, Rollup } from 'vite';

/** `modules` are source paths (from the app's root) whose chunks, and every chunk they import, the HTML preloads. */
export function preloadApp(modules: string[]): Plugin {
  let base = '/';
  return {
    name: 'callmine-preload-app',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return;
        const chunks = new Map(
          Object.values(ctx.bundle)
            .filter((c): c is Rollup.OutputChunk => c.type === 'chunk')
            .map((c) => [c.fileName, c]),
        );
        const wanted = new Set<string>();
        const visit = (file: string) => {
          if (wanted.has(file)) return;
          wanted.add(file);
          for (const dep of chunks.get(file)?.imports ?? []) visit(dep);
        };
        for (const chunk of chunks.values()) {
          const source = chunk.facadeModuleId?.replaceAll('\\', '/');
          if (source && modules.some((m) => source.endsWith(m))) visit(chunk.fileName);
        }
        if (wanted.size === 0) throw new Error(`preloadApp: no chunk for ${modules.join(', ')}`);
        // Largest first: the browser opens a handful of connections, and the app's largest file decides when it
        // can start; small files queued ahead of it would only delay it.
        const size = (file: string) => chunks.get(file)?.code.length ?? 0;
        return [...wanted]
          .filter((file) => !html.includes(file))
          .sort((a, b) => size(b) - size(a))
          .map<HtmlTagDescriptor>((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
            injectTo: 'head',
          }));
      },
    },
  };
}
