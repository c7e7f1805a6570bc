import { useEffect, useState } from 'react';
import { fmt, useGoalProgress } from './goals-store';
import './goals.css';

/**
 * Today's goal in the status bar, and the gentle message when a save reaches a goal (it stays
 * a few seconds; a screen reader hears it once, politely).
 */
export function GoalStatus() {
  const progress = useGoalProgress();
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!progress?.met) return;
    setMessage(progress.met);
    const timer = setTimeout(() => setMessage(null), 8000);
    return () => clearTimeout(timer);
  }, [progress]);
  const target = progress?.today.target ?? progress?.session.target ?? null;
  const done = progress ? (progress.today.target ? progress.today.words : progress.session.words) : 0;
  return (
    <>
      {progress && target ? (
        <span className="goal-status" title={progress.today.target ? 'Today’s share of your deadline' : 'This session’s goal'}>
          <span>{progress.today.target ? 'Today' : 'Session'} {fmt(Math.max(0, done))}/{fmt(target)}</span>
          <progress max={target} value={Math.min(Math.max(0, done), target)} aria-label={`${progress.today.target ? 'Today’s goal' : 'Session goal'}: ${fmt(Math.max(0, done))} of ${fmt(target)} words`} />
        </span>
      ) : null}
      {progress && progress.streak.current > 1 ? <span className="goal-streak" aria-label={`Writing streak: ${progress.streak.current} days`}>{progress.streak.current}-day streak</span> : null}
      <span role="status" className={message ? 'goal-met' : 'visually-hidden'}>
        {message}
      </span>
    </>
  );
}
