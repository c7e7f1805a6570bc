import { useId } from 'react';
import { notificationKinds, type NotificationKind, type NotificationSettings } from '../../../../shared/api/notifications';
import { TIME_PATTERN } from '../../../../shared/rules/notifications';
import { useStore, useStores } from '../../app/stores';

export const KIND_LABEL: Record<NotificationKind, string> = {
  comment: 'New comments on my drafts',
  reply: 'Replies',
  critique: 'Critiques of my drafts',
  share: 'Drafts shared with me',
  join: 'Someone joins my circles',
  sprint: 'Sprints planned in my circles',
  mention: 'Mentions of me',
  kudos: 'Kudos I receive',
  follow: 'New followers',
  milestone: 'Milestones of writers I follow',
  report: 'Answers to my reports',
};

/** This computer's time zone, what quiet hours and the digest follow unless the writer picks another. */
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Per kind: kept in the centre, shown on the desktop; quiet hours (desktop notifications wait in
 * the centre); the daily digest (one summary at a chosen time instead of one per item).
 */
export function NotificationSettingsForm({ settings }: { settings: NotificationSettings }) {
  const { notifications } = useStores();
  const permission = useStore(notifications, (s) => s.permission());
  const id = useId();
  const save = (patch: Parameters<typeof notifications.setSettings>[0]) => void notifications.setSettings(patch).catch(() => undefined);
  const time = (value: string, apply: (t: string) => void) => {
    if (TIME_PATTERN.test(value)) apply(value);
  };
  return (
    <div className="notification-settings-form">
      {permission === 'denied' && <p className="muted">This browser blocks notifications from Margin; allow them in its site settings to see them on the desktop.</p>}
      {permission === 'default' && (
        <button type="button" onClick={() => void notifications.askPermission()}>
          Allow desktop notifications
        </button>
      )}
      <table className="notification-kinds">
        <caption className="visually-hidden">Which notifications to get, and where</caption>
        <thead>
          <tr>
            <th scope="col">About</th>
            <th scope="col">In Margin</th>
            <th scope="col">On the desktop</th>
          </tr>
        </thead>
        <tbody>
          {notificationKinds.map((kind) => (
            <tr key={kind}>
              <th scope="row">{KIND_LABEL[kind]}</th>
              <td>
                <input type="checkbox" aria-label={`${KIND_LABEL[kind]}: in Margin`} checked={settings.inApp[kind]} onChange={(e) => save({ inApp: { [kind]: e.target.checked } })} />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${KIND_LABEL[kind]}: on the desktop`}
                  disabled={!settings.inApp[kind]}
                  checked={settings.inApp[kind] && settings.desktop[kind]}
                  onChange={(e) => save({ desktop: { [kind]: e.target.checked } })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset>
        <legend>Quiet hours</legend>
        <label className="check">
          <input type="checkbox" checked={settings.quiet !== null} onChange={(e) => save({ quiet: e.target.checked ? { from: '22:00', to: '07:00' } : null })} />
          No desktop notifications at night (they wait here)
        </label>
        {settings.quiet && (
          <div className="time-row">
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} type="time" value={settings.quiet.from} onChange={(e) => time(e.target.value, (from) => save({ quiet: { ...settings.quiet!, from } }))} />
            <label htmlFor={`${id}-to`}>until</label>
            <input id={`${id}-to`} type="time" value={settings.quiet.to} onChange={(e) => time(e.target.value, (to) => save({ quiet: { ...settings.quiet!, to } }))} />
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>Daily digest</legend>
        <label className="check">
          <input type="checkbox" checked={settings.digest.on} onChange={(e) => save({ digest: { ...settings.digest, on: e.target.checked } })} />
          One summary a day instead of a notification for each
        </label>
        {settings.digest.on && (
          <div className="time-row">
            <label htmlFor={`${id}-digest`}>Send it at</label>
            <input id={`${id}-digest`} type="time" value={settings.digest.at} onChange={(e) => time(e.target.value, (at) => save({ digest: { on: true, at } }))} />
          </div>
        )}
      </fieldset>
      <p className="muted">
        Times are in {settings.timeZone ?? localZone()}.
        {settings.timeZone !== localZone() && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => save({ timeZone: localZone() })}>
              Use this computer’s time zone
            </button>
          </>
        )}
      </p>
    </div>
  );
}
