import { useState } from 'react';
import type { LocalPost } from '../../../../shared/api/discussions';
import type { ReportReason } from '../../../../shared/api/moderation';
import { reportReasons } from '../../../../shared/protocol/moderation-schemas';
import { useStores } from '../../app/stores';

/** Under someone else's post: report it to the circle's moderators, or block its writer. */
export function PostActions({ post }: { post: LocalPost }) {
  const { moderation } = useStores();
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  return (
    <div className="post-actions">
      <details>
        <summary aria-label={`Report the post by ${post.authorName}`}>Report</summary>
        {sent ? (
          <p>Reported.</p>
        ) : (
          <form
            className="report-form"
            aria-label={`Report the post by ${post.authorName}`}
            onSubmit={(e) => {
              e.preventDefault();
              void moderation.report(post.id, reason, note).then(() => setSent(true));
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
      <button type="button" onClick={() => void moderation.block(post.authorId, true)}>
        Block {post.authorName}
      </button>
    </div>
  );
}
