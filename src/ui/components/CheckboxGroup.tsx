import { useId } from 'react';

interface Choice<T extends string> {
  value: T;
  /** The checkbox's accessible name. */
  label: string;
  /** What the choice means: the tooltip and the checkbox's description. */
  hint?: string;
}

interface Props<T extends string> {
  legend: string;
  choices: readonly Choice<T>[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  /** A line under the group, for what the tooltips would hide. */
  note?: string;
}

/** A labelled set of checkboxes over string values; reports the new selection in the choices' order. */
export function CheckboxGroup<T extends string>({ legend, choices, selected, onChange, note }: Props<T>) {
  const id = useId();
  const toggle = (value: T, on: boolean) =>
    onChange(choices.map((c) => c.value).filter((v) => (v === value ? on : selected.includes(v))));
  return (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
      <div className="checkbox-chips">
        {choices.map(({ value, label, hint }) => (
          <label key={value} className="checkbox-chip" title={hint}>
            <input
              type="checkbox"
              checked={selected.includes(value)}
              onChange={(e) => toggle(value, e.target.checked)}
              aria-describedby={hint ? `${id}-${value}-hint` : undefined}
            />
            {label}
          </label>
        ))}
      </div>
      {/* Descriptions sit outside the labels so each checkbox's name stays just its label. */}
      {choices.map(
        ({ value, hint }) =>
          hint && (
            <span key={value} className="visually-hidden" id={`${id}-${value}-hint`}>
              {hint}
            </span>
          ),
      )}
      {note && <p className="field-hint checkbox-note">{note}</p>}
    </fieldset>
  );
}
