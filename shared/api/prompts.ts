import type { DailyPrompt, Prompt } from '../protocol/prompts-events';
import type { DocumentNode, Synced } from './studio-api';

export type { Prompt, PromptStatus } from '../protocol/prompts-events';

/** A prompt as the studio keeps it: what the server sent, or a suggestion written here waiting to be sent. */
export type LocalPrompt = Prompt & Synced;

export interface LocalDailyPrompt extends DailyPrompt {
  prompt: LocalPrompt | null;
  /** Read from this studio's copy (the last day it was read): the server could not be reached. */
  offline: boolean;
}

export interface LocalPromptLibrary {
  prompts: LocalPrompt[];
  /** The writer's own suggestions to this library not yet taken by the server (waiting, or refused with why). */
  waiting: LocalPrompt[];
  offline: boolean;
}

/** A document written to a prompt: the link is the writer's own, kept with the prompt's words. */
export interface PromptLink {
  documentId: string;
  promptId: string;
  circleId: string | null;
  text: string;
  /** The day it was the daily prompt, when it was written to as one. */
  day: string | null;
  threadId: string | null;
  linkedAt: string;
}

export interface PromptResponseShared {
  shareId: string;
  /** The circle it was shared with (the prompt's, or the one chosen for an open prompt). */
  circleId: string;
  /** The reply in the prompt's thread pointing to the share (null: the prompt has no thread yet). */
  postId: string | null;
  /** That thread (for an open prompt: its thread in the chosen circle). */
  threadId: string | null;
}

export interface PromptsStudioOutputs {
  'prompts.today': LocalDailyPrompt;
  'prompts.library': LocalPromptLibrary;
  'prompts.add': LocalPrompt;
  'prompts.edit': LocalPrompt;
  'prompts.retire': LocalPrompt;
  'prompts.decide': LocalPrompt;
  'prompts.suggest': LocalPrompt;
  'prompts.write': { document: DocumentNode; link: PromptLink };
  'prompts.forDocument': PromptLink | null;
  'prompts.shareResponse': PromptResponseShared;
}

/** A library changed (here, from the server, or as the outbox settled): null circle is the open library. */
export interface PromptsChange {
  at: number;
  circleId: string | null;
}
