import { activityInputs as protocol } from '../protocol/activity-schemas';

/** Kudos, follows and the activity feed from the studio: the server's payloads, checked here too; they need a connection. */
export const activityInputs = {
  'activity.kudos': protocol['activity:kudos'],
  'activity.follow': protocol['activity:follow'],
  'activity.follows': protocol['activity:follows'],
  'activity.feed': protocol['activity:feed'],
} as const;
