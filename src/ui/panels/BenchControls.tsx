import { useId } from 'react';
import type { BenchMethod, BenchSetting } from '../../bench/tp-bench-cases';
import {
  BENCH_MAX_BATCH,
  BENCH_MAX_CHANNELS,
  BENCH_MAX_L,
  BENCH_MIN_L,
  benchFormProblem,
  benchStepCount,
} from '../../store/bench-options';
import { CheckboxGroup } from '../components/CheckboxGroup';
import { IntegerField } from '../components/IntegerField';
import { useGauntlet } from '../store-context';
import { BenchProgressBar } from './BenchProgressBar';

const SETTINGS: { value: BenchSetting; label: string; hint: string }[] = [
  { value: 'siso', label: 'siso', hint: 'single in, single out: one degree L in each input and out' },
  { value: 'mimo', label: 'mimo', hint: 'many in, many out: every degree 0…L in each input and out' },
];

const METHODS: { value: BenchMethod; label: string; hint: string }[] = [
  { value: 'cg', label: 'cg', hint: 'Clebsch–Gordan product, sparse over paths and coefficients' },
  { value: 'gaunt-fft', label: 'gaunt-fft', hint: 'Gaunt product through the 2D Fourier basis and an FFT' },
  { value: 'gaunt-grid', label: 'gaunt-grid', hint: 'Gaunt product as a pointwise product on a sphere grid' },
  {
    value: 'gaunt-direct',
    label: 'gaunt-direct',
    hint: 'Gaunt product as a direct sum over Gaunt coefficients',
  },
  { value: 'cpu', label: 'cpu', hint: 'the float64 CPU twin of cg, on a smaller batch' },
];

/** Sizes, settings and methods of a tensor-product benchmark, with run, cancel and progress. */
export function BenchControls() {
  const bench = useGauntlet((s) => s.bench);
  const ready = useGauntlet((s) => s.adapter.status === 'ready');
  const software = useGauntlet((s) => s.adapter.report?.isFallback ?? false);
  const update = useGauntlet((s) => s.updateBenchForm);
  const run = useGauntlet((s) => s.runBench);
  const cancel = useGauntlet((s) => s.cancelBench);
  const titleId = useId();
  const { form, phase, defaults } = bench;

  if (!form || !defaults) {
    return (
      <section className="panel" aria-labelledby={titleId}>
        <h2 id={titleId}>Benchmark settings</h2>
        <p className="field-hint">
          {ready ? 'Asking the engine for default sizes…' : 'Waiting for the GPU…'}
        </p>
      </section>
    );
  }

  const problem = benchFormProblem(form);
  const busy = phase !== 'idle';
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Benchmark settings</h2>
      {/* A disabled fieldset disables every control inside it while a run is going. */}
      <fieldset className="plain-fieldset" disabled={busy}>
        <div className="field-row">
          <IntegerField
            label="Degrees from"
            value={form.lmin}
            min={BENCH_MIN_L}
            max={BENCH_MAX_L}
            onCommit={(lmin) => update({ lmin })}
          />
          <IntegerField
            label="Degrees to"
            value={form.lmax}
            min={BENCH_MIN_L}
            max={BENCH_MAX_L}
            onCommit={(lmax) => update({ lmax })}
            hint={`${BENCH_MIN_L} … ${BENCH_MAX_L}`}
          />
        </div>
        <div className="field-row">
          <IntegerField
            label="Batch"
            value={form.batch}
            min={1}
            max={BENCH_MAX_BATCH}
            onCommit={(batch) => update({ batch })}
            hint={`cpu uses ${Math.min(defaults.cpuBatch, form.batch)}`}
          />
          <IntegerField
            label="Channels"
            value={form.channels}
            min={1}
            max={BENCH_MAX_CHANNELS}
            onCommit={(channels) => update({ channels })}
            hint="per degree"
          />
        </div>
        <CheckboxGroup
          legend="Settings"
          choices={SETTINGS}
          selected={form.settings}
          onChange={(settings) => update({ settings })}
          note="siso: one degree L in and out · mimo: all degrees 0…L"
        />
        <CheckboxGroup
          legend="Methods"
          choices={METHODS}
          selected={form.methods}
          onChange={(methods) => update({ methods })}
          note="cg: Clebsch–Gordan · gaunt-*: the three Gaunt routes · cpu: float64 twin"
        />
      </fieldset>
      <div className="panel-actions">
        {busy ? (
          <button type="button" onClick={() => void cancel()} disabled={phase === 'cancelling'}>
            {phase === 'cancelling' ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => void run()}
            disabled={!ready || problem !== null}
          >
            Run benchmark
          </button>
        )}
        <span className="field-hint">{problem ?? `${benchStepCount(form)} steps`}</span>
      </div>
      {phase === 'cancelling' && <p className="field-hint">Stopping after the measurement in progress.</p>}
      <BenchProgressBar />
      {software && (
        <p className="field-hint">
          Software adapter: every kernel runs on the CPU, so keep degrees, batch and channels small.
        </p>
      )}
    </section>
  );
}
