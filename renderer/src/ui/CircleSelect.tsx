import type { SelectHTMLAttributes } from 'react';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'> & {
  circles: ReadonlyArray<{ id: string; name: string }>;
  /** The circle's id, or '' for the `none` choice. */
  value: string;
  onPick: (circleId: string) => void;
  /** A choice meaning no circle (valued ''): everyone, the open library; first unless `last`. */
  none?: { label: string; last?: boolean };
  /** After each circle's name: " only", " (circle)". */
  suffix?: string;
};

/** The one picker of the writer's circles, wherever a circle is chosen: sharing, sprints, challenges, discussions, prompts. */
export function CircleSelect({ circles, value, onPick, none, suffix = '', ...select }: Props) {
  const noneOption = none && <option value="">{none.label}</option>;
  return (
    <select {...select} value={value} onChange={(e) => onPick(e.target.value)}>
      {!none?.last && noneOption}
      {circles.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
          {suffix}
        </option>
      ))}
      {none?.last && noneOption}
    </select>
  );
}
