import { useEffect, useId, useState } from 'react';
import {
  requestFromForm,
  sameRequest,
  TRAIN_DATASET_CHOICES,
  TRAIN_LIMITS,
  TRAIN_MODEL_CHOICES,
  TRAIN_TP_CHOICES,
  type TrainForm,
} from '../../store/train-form';
import { IntegerField } from '../components/IntegerField';
import { useGauntlet } from '../store-context';
import { TrainProgressBar } from './TrainProgressBar';

interface SelectProps<T extends string> {
  label: string;
  value: T;
  choices: readonly { value: T; label: string; hint?: string }[];
  onChange: (value: T) => void;
}

function SelectField<T extends string>({ label, value, choices, onChange }: SelectProps<T>) {
  const id = useId();
  const hint = choices.find((c) => c.value === value)?.hint;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as T)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {hint && (
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

interface OptionalNumberProps {
  label: string;
  value: number | null;
  /** Shown when empty: what the engine uses then. */
  placeholder: string;
  integer?: boolean;
  min: number;
  onCommit: (value: number | null) => void;
}

/** A number the user may leave empty (null: the engine's default); commits on blur or Enter. */
function OptionalNumberField({ label, value, placeholder, integer, min, onCommit }: OptionalNumberProps) {
  const id = useId();
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  useEffect(() => setDraft(value === null ? '' : String(value)), [value]);
  const settle = () => {
    if (draft.trim() === '') return onCommit(null);
    const n = Number(draft);
    if (Number.isFinite(n) && n >= min) onCommit(integer ? Math.round(n) : n);
    else setDraft(value === null ? '' : String(value));
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        min={min}
        step={integer ? 1 : 'any'}
        placeholder={placeholder}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={settle}
        onKeyDown={(e) => {
          if (e.key === 'Enter') settle();
        }}
      />
    </div>
  );
}

/** Data set, model and hyperparameters of a run; Play / Pause / Step / Reset; progress. */
export function TrainControls() {
  const train = useGauntlet((s) => s.train);
  const ready = useGauntlet((s) => s.adapter.status === 'ready');
  const software = useGauntlet((s) => s.adapter.report?.isFallback ?? false);
  const update = useGauntlet((s) => s.updateTrainForm);
  const play = useGauntlet((s) => s.playTraining);
  const pause = useGauntlet((s) => s.pauseTraining);
  const step = useGauntlet((s) => s.stepTraining);
  const reset = useGauntlet((s) => s.resetTraining);
  const titleId = useId();
  const { form, status, busy, run } = train;
  const running = status === 'running';
  const set =
    <K extends keyof TrainForm>(key: K) =>
    (value: TrainForm[K]) =>
      update({ [key]: value });

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Run</h2>
      <div className="panel-actions train-buttons">
        {running ? (
          <button type="button" className="primary" onClick={() => void pause()} disabled={busy !== null}>
            Pause
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => void play()}
            disabled={!ready || busy !== null}
          >
            Play
          </button>
        )}
        <button type="button" onClick={() => void step()} disabled={!ready || running || busy !== null}>
          Step
        </button>
        <button type="button" onClick={() => void reset()} disabled={!run || running || busy !== null}>
          Reset
        </button>
        {busy && (
          <span className="busy" role="status">
            {busy}
          </span>
        )}
      </div>
      {run && status !== 'running' && !sameRequest(run.request, requestFromForm(form)) && (
        <p className="field-hint">The settings differ from the current run: Play or Step starts a new run.</p>
      )}
      <TrainProgressBar />
      {train.notice && (
        <p className="note" role="status">
          {train.notice}
        </p>
      )}
      {train.error && (
        <p className="error" role="alert">
          {train.error}
        </p>
      )}
      <fieldset className="plain-fieldset" disabled={running || busy !== null}>
        <div className="field-row">
          <SelectField
            label="Data set"
            value={form.dataset}
            choices={TRAIN_DATASET_CHOICES}
            onChange={set('dataset')}
          />
          <SelectField
            label="Model"
            value={form.model}
            choices={TRAIN_MODEL_CHOICES}
            onChange={set('model')}
          />
        </div>
        {form.model === 'nequip' && (
          <SelectField
            label="Tensor product"
            value={form.tp}
            choices={TRAIN_TP_CHOICES}
            onChange={set('tp')}
          />
        )}
        {form.model === 'nequip' && (
          <div className="field-row">
            <OptionalNumberField
              label="Channels"
              value={form.channels}
              placeholder="default (8)"
              integer
              min={TRAIN_LIMITS.channels[0]}
              onCommit={set('channels')}
            />
            <OptionalNumberField
              label="Max degree L"
              value={form.lmax}
              placeholder="default (2)"
              integer
              min={TRAIN_LIMITS.lmax[0]}
              onCommit={set('lmax')}
            />
          </div>
        )}
        {software && form.model === 'nequip' && (
          <p className="field-hint">
            Software adapter: channels 4 and L 1 train Tetris in a few seconds per 10 steps.
          </p>
        )}
        <div className="field-row">
          <IntegerField
            label="Steps"
            value={form.steps}
            min={TRAIN_LIMITS.steps[0]}
            max={TRAIN_LIMITS.steps[1]}
            onCommit={set('steps')}
          />
          <IntegerField
            label="Seed"
            value={form.seed}
            min={TRAIN_LIMITS.seed[0]}
            max={TRAIN_LIMITS.seed[1]}
            onCommit={set('seed')}
          />
        </div>
        <div className="field-row">
          <OptionalNumberField
            label="Learning rate"
            value={form.lr}
            placeholder="default"
            min={Number.MIN_VALUE}
            onCommit={set('lr')}
          />
          <OptionalNumberField
            label="Batch size"
            value={form.batchSize}
            placeholder={form.dataset === 'tetris' ? 'whole set' : 'default (32)'}
            integer
            min={TRAIN_LIMITS.batchSize[0]}
            onCommit={set('batchSize')}
          />
        </div>
        <div className="field-row">
          <IntegerField
            label="Read loss every"
            value={form.logEvery}
            min={TRAIN_LIMITS.logEvery[0]}
            max={TRAIN_LIMITS.logEvery[1]}
            onCommit={set('logEvery')}
            hint="steps (each read waits for the GPU)"
          />
          {form.dataset === 'md' && (
            <OptionalNumberField
              label="Force weight"
              value={form.forceWeight}
              placeholder="1"
              min={0}
              onCommit={(v) => update({ forceWeight: v ?? 1 })}
            />
          )}
        </div>
        <div className="field field-check">
          <input
            id={`${titleId}-augment`}
            type="checkbox"
            checked={form.augment}
            onChange={(e) => update({ augment: e.target.checked })}
          />
          <label htmlFor={`${titleId}-augment`}>Augment with random rotations</label>
        </div>
      </fieldset>
    </section>
  );
}
