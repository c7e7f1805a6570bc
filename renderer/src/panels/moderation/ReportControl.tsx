import { useState } from 'react';
import type { ReportReason } from '../../../../shared/api/moderation';
import { reportReasons } from '../../../../shared/protocol/moderation-schemas';
import type { ReportTargetKind } from '../../../../shared/rules/moderation';
import { useStores } from '../../app/stores';

/** "Report" with a reason and a note, for anything someone else wrote: a post, comment, critique, share or profile. */
export function ReportControl({
  kind,
  id,
  label,
  block,
}: {
  kind: ReportTargetKind;
  id: string;
  /** e.g. "the comment by Ann" */
  label: string;
  /** Offers to block the writer too. */
  block?: { userId: string; name: string };
}) {
  const { moderation } = useStores();
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  const report = (
    <details className="report-control">
      <summary aria-label={`Report ${label}`}>Report</summary>
      {sent ? (
        <p>Reported.</p>
      ) : (
        <form
          className="report-form"
          aria-label={`Report ${label}`}
          onSubmit={(e) => {
            e.preventDefault();
            void moderation.report(kind, id, reason, note).then(() => setSent(true));
          }}
        >
          <label>
            Reason
            <select value={reason} onChange={(e) => setReason(e.target.value as ReportReason)}>
              {reportReasons.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label>
            Note (optional)
            <input value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit">Send report</button>
        </form>
      )}
    </details>
  );
  if (!block) return report;
  return (
    <span className="post-actions">
      {report}
      <button type="button" onClick={() => void moderation.block(block.userId, true)}>
        Block {block.name}
      </button>
    </span>
  );
}
