import { useEffect } from 'react';
import type { LocalPost } from '../../../../shared/api/discussions';
import { useStore, useStores } from '../../app/stores';

/** Under someone else's post: kudos, and following its writer. */
export function PostCheers({ post }: { post: LocalPost }) {
  const { activity } = useStores();
  // As the post was read, until the writer gives or takes back kudos here.
  const kudos = useStore(activity, (s) => s.state().kudos[post.id]) ?? { count: post.kudos, mine: post.kudosMine };
  const following = useStore(activity, (s) => s.state().follows.some((f) => f.kind === 'writer' && f.id === post.authorId));
  useEffect(() => void activity.needFollows(), [activity]);
  return (
    <div className="post-cheers">
      <button type="button" aria-pressed={kudos.mine} aria-label={`Kudos to ${post.authorName}`} onClick={() => void activity.kudos(post.id, !kudos.mine)}>
        👏 Kudos{kudos.count > 0 ? ` · ${kudos.count}` : ''}
      </button>
      <button type="button" aria-pressed={following} onClick={() => void activity.follow('writer', post.authorId, !following)}>
        {following ? `Following ${post.authorName}` : `Follow ${post.authorName}`}
      </button>
    </div>
  );
}
