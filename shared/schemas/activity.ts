import { activityInputs as protocol } from '../protocol/activity-schemas';

/**
 * Kudos, follows and the activity feed from the studio: the server's payloads, checked here too.
 * Kudos are kept here and go through the outbox (offline too); the rest need a connection.
 */
export const activityInputs = {
  'activity.kudos': protocol['activity:kudos'],
  'activity.kudosOf': protocol['activity:kudosOf'],
  'activity.sprintResults': protocol['activity:sprintResults'],
  'activity.follow': protocol['activity:follow'],
  'activity.follows': protocol['activity:follows'],
  'activity.feed': protocol['activity:feed'],
} as const;
