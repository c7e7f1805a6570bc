import type { LocalPost } from '../../../../shared/api/discussions';
import { ReportControl } from './ReportControl';

/** Under someone else's post: report it to the circle's moderators, or block its writer. */
export function PostActions({ post }: { post: LocalPost }) {
  return <ReportControl kind="post" id={post.id} label={`the post by ${post.authorName}`} block={{ userId: post.authorId, name: post.authorName }} />;
}
