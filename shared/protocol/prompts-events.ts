/** What prompts answer and announce. A prompt's text comes from other people: shown as plain text. */
export type PromptStatus = 'active' | 'retired' | 'suggested' | 'declined';

export interface Prompt {
  id: string;
  /** null: the open library, every writer's. */
  circleId: string | null;
  text: string;
  status: PromptStatus;
  /** Who wrote it: the curator who added it, or the member who suggested it. */
  authorId: string;
  authorName: string;
  /**
   * Its discussion thread in the circle (made the day it is first the daily prompt). An open
   * prompt has none of its own: each circle gets one for it when a member shares a response (`prompt:thread`).
   */
  threadId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PromptPage {
  prompts: Prompt[];
  next: string | null;
}

export interface DailyPrompt {
  circleId: string | null;
  /** The calendar day it is the prompt of ('YYYY-MM-DD', in the circle's time zone or UTC). */
  day: string;
  /** null while the library is empty. */
  prompt: Prompt | null;
}

export interface PromptsOutputs {
  'prompt:today': DailyPrompt;
  'prompt:library': PromptPage;
  'prompt:add': Prompt;
  'prompt:edit': Prompt;
  'prompt:retire': Prompt;
  'prompt:suggest': Prompt;
  'prompt:decide': Prompt;
  'prompt:thread': OpenPromptThread;
}

/** An open prompt's thread in a circle: one per prompt and circle, the same id on every node. */
export interface OpenPromptThread {
  promptId: string;
  circleId: string;
  threadId: string;
}

export interface PromptsServerEvents {
  /** To the circle's room (or everyone, for the open library): its library or suggestions changed. */
  'prompt:changed': (event: { circleId: string | null }) => void;
}
