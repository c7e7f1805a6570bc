/**
 * Browser mode's WebSocket handshake (no zod here: the renderer imports it). The page offers
 * two subprotocols, `margin` and `token.<its token>`; the host answers with `margin` only, so
 * the token is never echoed back.
 */
export const WIRE_PROTOCOL = 'margin';
export const TOKEN_PROTOCOL_PREFIX = 'token.';

/**
 * The page's start-up calls (renderer/src/app/start-up.ts) in one HTTP request, answered in
 * this order, each with its Result: the request leaves at once, where a call over the socket
 * waits for its open event, which waits for the page's main thread (busy compiling the app).
 * POST with `Authorization: Bearer <token>`, from our exact origin, as the socket.
 */
export const START_PATH = '/api/start';
export const START_METHODS = ['documents.reopen', 'app.info', 'settings.get', 'projects.list'] as const;
