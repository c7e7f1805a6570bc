import type { LocalPost } from '../../../../shared/api/discussions';
import { useStores } from '../../app/stores';
import { ReportControl } from './ReportControl';

/** Under someone else's post: report it to the circle's moderators, or block its writer. */
export function PostActions({ post }: { post: LocalPost }) {
  const { moderation } = useStores();
  return (
    <div className="post-actions">
      <ReportControl kind="post" id={post.id} label={`the post by ${post.authorName}`} />
      <button type="button" onClick={() => void moderation.block(post.authorId, true)}>
        Block {post.authorName}
      </button>
    </div>
  );
}
