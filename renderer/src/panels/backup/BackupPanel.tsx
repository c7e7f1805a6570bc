import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { BackupInfo, BackupStatus } from '../../../../shared/api/backup';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import './backup.css';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/**
 * Backups of the whole studio: made once a day by themselves, or now; where they go and how
 * long they are kept; and restoring one (the studio's current database is kept aside first).
 */
export function BackupPanel() {
  const api = useStudio();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<BackupInfo | null>(null);
  const [folder, setFolder] = useState('');
  const [keepDays, setKeepDays] = useState('14');

  const show = useCallback((next: BackupStatus) => {
    setStatus(next);
    setFolder(next.isDefault ? '' : next.folder);
    setKeepDays(String(next.keepDays));
  }, []);
  useEffect(() => {
    api.backup.status().then(show, (e: unknown) => setError(errorMessage(e)));
  }, [api, show]);

  const run = (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    setNotice(null);
    work()
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(null));
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    run('Saving…', async () => {
      show(await api.backup.configure({ folder: folder.trim() === '' ? null : folder.trim(), keepDays: Number(keepDays) }));
      setNotice('Backup settings saved.');
    });
  };
  const restore = (backup: BackupInfo) =>
    run('Restoring…', async () => {
      const result = await api.backup.restore({ name: backup.name });
      setConfirm(null);
      setNotice(`Restored the backup of ${when(backup.createdAt)}. Your studio as it was is kept in ${result.keptAs}. Reloading…`);
      // Every view reads the restored studio afresh.
      setTimeout(() => window.location.reload(), 1200);
    });

  if (!status) return <section className="backup panel-section" aria-label="Backups">{error ? <p role="alert" className="error">{error}</p> : <p className="muted">Loading backups…</p>}</section>;
  return (
    <section className="backup panel-section" aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backups</h2>
      <p className="muted backup-summary">
        {status.lastBackupAt ? `Last backup ${when(status.lastBackupAt)}.` : 'No backup yet.'} Margin backs up your whole studio once a day
        {status.isDefault ? ' into the backups folder of its data folder' : ''}.
      </p>
      {status.lastError && (
        <p role="alert" className="error">
          The last automatic backup failed: {status.lastError}
        </p>
      )}
      <div className="row-actions">
        <button type="button" disabled={busy !== null} onClick={() => run('Backing up…', async () => { show(await api.backup.now()); setNotice('Backed up.'); })}>
          Back up now
        </button>
        {busy && <span role="status" className="muted">{busy}</span>}
      </div>
      {notice && <p role="status" className="backup-notice">{notice}</p>}
      {error && <p role="alert" className="error">{error}</p>}

      <form className="backup-settings" onSubmit={save} aria-label="Backup settings">
        <div className="field">
          <label htmlFor="backup-folder">Backup folder</label>
          <input id="backup-folder" value={folder} placeholder={status.isDefault ? status.folder : 'Default: the data folder’s backups'} onChange={(e) => setFolder(e.target.value)} spellCheck={false} />
          <span className="muted backup-hint">A full path; leave empty for the default. Another disk keeps your work safe if this one fails.</span>
        </div>
        <div className="field">
          <label htmlFor="backup-keep">Keep backups for (days)</label>
          <input id="backup-keep" type="number" min={1} max={3650} value={keepDays} onChange={(e) => setKeepDays(e.target.value)} />
        </div>
        <button type="submit" disabled={busy !== null}>
          Save backup settings
        </button>
      </form>

      <h3 className="backup-list-heading">Restore</h3>
      {status.backups.length === 0 ? (
        <p className="muted">Your backups will be listed here.</p>
      ) : (
        <ul className="backup-list" aria-label="Backups you can restore">
          {status.backups.map((b) => (
            <li key={b.name} className="backup-item">
              <span>
                {when(b.createdAt)} <span className="muted">· {size(b.bytes)}</span>
              </span>
              {confirm?.name === b.name ? (
                <span className="backup-confirm" role="group" aria-label="Confirm restore">
                  <span>Replace your studio with this backup? Your current studio is kept aside.</span>
                  <span className="row-actions">
                    <button type="button" className="button-danger" disabled={busy !== null} onClick={() => restore(b)}>
                      Restore this backup
                    </button>
                    <button type="button" className="button-quiet" onClick={() => setConfirm(null)}>
                      Cancel
                    </button>
                  </span>
                </span>
              ) : (
                <button type="button" className="button-quiet" aria-label={`Restore the backup of ${when(b.createdAt)}`} disabled={busy !== null} onClick={() => setConfirm(b)}>
                  Restore…
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
