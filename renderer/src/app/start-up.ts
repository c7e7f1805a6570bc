import type { Reopened } from '../../../shared/api/projects';
import type { AppInfo, Project, Settings, StudioApi } from '../../../shared/api/studio-api';

/** Everything the first screen shows: where the writer left off, the settings, the projects. */
export interface StartData {
  reopened: Reopened;
  info: AppInfo;
  settings: Settings;
  projects: Project[];
}

/** The start-up requests, and their answer once it is in (read at once by the first render). */
export interface StartUp {
  promise: Promise<StartData>;
  value: StartData | null;
}

/**
 * Asked by the page's small first script, before the app's code has even loaded: the core
 * opens the document while the browser compiles the rest, and answers in the order asked, so
 * the document comes first. The projects are listed after the reopen, which stamps the one opened.
 */
export function startUp(api: StudioApi): StartUp {
  performance.mark('margin:start-asked');
  const reopened = api.documents.reopen();
  const rest = Promise.all([api.app.info(), api.settings.get(), api.projects.list()]);
  const start: StartUp = {
    value: null,
    promise: Promise.all([reopened, rest]).then(([r, [info, settings, projects]]) => {
      performance.mark('margin:start-answered');
      return (start.value = { reopened: r, info, settings, projects });
    }),
  };
  start.promise.catch(() => undefined); // the app reports it
  return start;
}
