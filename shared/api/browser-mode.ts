/**
 * Browser mode's WebSocket handshake (no zod here: the renderer imports it). The page offers
 * two subprotocols, `margin` and `token.<its token>`; the host answers with `margin` only, so
 * the token is never echoed back.
 */
export const WIRE_PROTOCOL = 'margin';
export const TOKEN_PROTOCOL_PREFIX = 'token.';
