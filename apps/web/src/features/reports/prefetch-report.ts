type ReportPageModule = typeof import('./ReportPage.tsx');
let loaded: ReportPageModule | undefined;

/** The report view's code, loaded on demand so other pages stay light (and from start-up on a report's link). */
export const loadReportPage = () =>
  import('./ReportPage.tsx').then((module) => {
    loaded = module;
    return module;
  });

/** The report view's code if it has loaded (it is, from start-up, when the app opened on a report's link). */
export const loadedReportPage = () => loaded;
