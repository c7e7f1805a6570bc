import type { ActivityOutputs } from '../protocol/activity-events';

export type { ActivityItem, ActivityNotice, ActivityPage, Follow, KudosCount, SprintResultKudos } from '../protocol/activity-events';

export interface ActivityStudioOutputs {
  'activity.kudos': ActivityOutputs['activity:kudos'];
  'activity.kudosOf': ActivityOutputs['activity:kudosOf'];
  'activity.sprintResults': ActivityOutputs['activity:sprintResults'];
  'activity.follow': ActivityOutputs['activity:follow'];
  'activity.follows': ActivityOutputs['activity:follows'];
  'activity.feed': ActivityOutputs['activity:feed'];
}
