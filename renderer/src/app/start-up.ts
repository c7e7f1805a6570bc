import type { Reopened } from '../../../shared/api/projects';
import { unwrap, type Result } from '../../../shared/api/result';
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
 * `early`: the same four answers already asked for in one request (browser mode's
 * fetchStartUp, in the order of START_METHODS); if that fails, they are asked for as calls.
 */
export function startUp(api: StudioApi, early: Promise<Array<Result<unknown>>> | null = null): StartUp {
  performance.mark('margin:start-asked');
  const asCalls = (): Promise<StartData> => {
    const reopened = api.documents.reopen();
    const rest = Promise.all([api.app.info(), api.settings.get(), api.projects.list()]);
    return Promise.all([reopened, rest]).then(([r, [info, settings, projects]]) => ({ reopened: r, info, settings, projects }));
  };
  const answers = early
    ? early.then(
        ([reopened, info, settings, projects]) =>
          ({ reopened: unwrap(reopened!), info: unwrap(info!), settings: unwrap(settings!), projects: unwrap(projects!) }) as StartData,
      ).catch(asCalls)
    : asCalls();
  const start: StartUp = {
    value: null,
    promise: answers.then((data) => {
      performance.mark('margin:start-answered');
      return (start.value = data);
    }),
  };
  start.promise.catch(() => undefined); // the app reports it
  return start;
}
