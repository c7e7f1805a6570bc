import type { ActivityOutputs } from '../protocol/activity-events';

export type { ActivityItem, ActivityPage, Follow } from '../protocol/activity-events';

export interface ActivityStudioOutputs {
  'activity.kudos': ActivityOutputs['activity:kudos'];
  'activity.follow': ActivityOutputs['activity:follow'];
  'activity.follows': ActivityOutputs['activity:follows'];
  'activity.feed': ActivityOutputs['activity:feed'];
}
