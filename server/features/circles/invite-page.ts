import { inviteLinks } from '../../../shared/protocol/invite-link';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * What `https://<server>/join/<code>` shows a person who opened an invite from a chat: a
 * button that opens Margin on it, and how to join by hand. Static HTML, no script; the code
 * was checked against the invite format before it got here.
 */
export function invitePage(origin: string, code: string): string {
  const { link } = inviteLinks(origin, code);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>An invite to a Margin circle</title>
<style>body{font:17px/1.6 Georgia,serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#2b2620;background:#fbf8f3}
a.button{display:inline-block;padding:.6rem 1.1rem;border-radius:6px;background:#8a4b1f;color:#fff;text-decoration:none}
code{background:#f0e8dc;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>You’re invited to a writing circle</h1>
<p>This invite is for the Margin community at <strong>${escape(origin)}</strong>.</p>
<p><a class="button" href="${escape(link)}">Open in Margin</a></p>
<p>Or, in Margin: Community tab → Circles → paste <code>${escape(`${origin}/join/${code}`)}</code> into “Invite code or link”.
Margin connects to this community (asking you first), and you join once you have signed in.</p>
</body></html>
`;
}
