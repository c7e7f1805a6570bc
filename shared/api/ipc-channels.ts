/**
 * The desktop app's IPC is two messages: the preload asks main for a port to the studio
 * core (main checks the asking frame's origin), and main answers with one end of a
 * MessageChannelMain whose other end it hands to the core's utility process. StudioApi
 * calls, their `Result`s and every event then travel that port (see shared/api/wire.ts).
 */
export const STUDIO_CONNECT_CHANNEL = 'studio:connect';
/** Main -> preload: carries the port in `event.ports[0]`. */
export const STUDIO_PORT_CHANNEL = 'studio:port';

/** The origin the desktop renderer is served from (a privileged scheme, never file://). */
export const APP_ORIGIN = 'app://margin';
