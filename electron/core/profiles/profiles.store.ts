import type { Database } from 'better-sqlite3';
import type { WorkingOn } from '../../../shared/protocol/profiles-events';
import { readPrivacy, type ProfilePrivacy } from '../../../shared/rules/profiles';

interface DraftRow {
  owner: string;
  display_name: string;
  bio: string;
  genres: string;
  privacy: string;
  project_id: string | null;
  working_title: string | null;
  working_genre: string | null;
  working_words: number | null;
  updated_at: string;
}

/** The writer's own profile as this studio keeps it (one row per account). */
export interface ProfileDraft {
  displayName: string;
  bio: string;
  genres: string[];
  privacy: ProfilePrivacy;
  /** The project shown: kept here, never sent. */
  projectId: string | null;
  workingOn: WorkingOn | null;
}

const toDraft = (r: DraftRow): ProfileDraft => ({
  displayName: r.display_name,
  bio: r.bio,
  genres: JSON.parse(r.genres) as string[],
  privacy: readPrivacy(JSON.parse(r.privacy)),
  projectId: r.project_id,
  workingOn: r.working_title ? { title: r.working_title, genre: r.working_genre ?? '', words: r.working_words ?? 0 } : null,
});

export function createProfilesStore(db: Database) {
  const q = {
    get: db.prepare<[string], DraftRow>('SELECT * FROM profile_drafts WHERE owner = ?'),
    put: db.prepare(`
      INSERT INTO profile_drafts (owner, display_name, bio, genres, privacy, project_id, working_title, working_genre, working_words, updated_at)
      VALUES (@owner, @display_name, @bio, @genres, @privacy, @project_id, @working_title, @working_genre, @working_words, @updated_at)
      ON CONFLICT (owner) DO UPDATE SET display_name = excluded.display_name, bio = excluded.bio, genres = excluded.genres, privacy = excluded.privacy,
        project_id = excluded.project_id, working_title = excluded.working_title, working_genre = excluded.working_genre,
        working_words = excluded.working_words, updated_at = excluded.updated_at`),
  };
  // The writer's own rows in this studio's copies that carry their name (shown from here offline, and
  // until the server is read again): renamed with the profile.
  const own = ['discussion_threads', 'discussion_posts', 'comments', 'critiques', 'shares', 'prompts'].map((table) =>
    db.prepare<[string, string, string, string]>(`UPDATE ${table} SET author_name = ? WHERE owner = ? AND author_id = ? AND author_name != ?`),
  );
  const sharesOfOwn = db.prepare<[string, string, string, string], { share_id: string }>(
    'SELECT share_id FROM comments WHERE owner = ? AND author_id = ? UNION SELECT share_id FROM critiques WHERE owner = ? AND author_id = ?',
  );
  return {
    /** Puts `displayName` on everything of the writer's own kept here; answers the shares whose comments or critiques changed. */
    renameOwn: db.transaction((owner: string, displayName: string): string[] => {
      for (const update of own) update.run(displayName, owner, owner, displayName);
      return sharesOfOwn.all(owner, owner, owner, owner).map((r) => r.share_id);
    }),
    get: (owner: string): ProfileDraft | undefined => {
      const row = q.get.get(owner);
      return row ? toDraft(row) : undefined;
    },
    put(owner: string, d: ProfileDraft, at: string): void {
      q.put.run({
        owner,
        display_name: d.displayName,
        bio: d.bio,
        genres: JSON.stringify(d.genres),
        privacy: JSON.stringify(d.privacy),
        project_id: d.projectId,
        working_title: d.workingOn?.title ?? null,
        working_genre: d.workingOn?.genre ?? null,
        working_words: d.workingOn?.words ?? null,
        updated_at: at,
      });
    },
  };
}
export type ProfilesStore = ReturnType<typeof createProfilesStore>;
