import { useEffect, useState } from 'react';
import { fetchSample, fetchSampleIndex, type SampleEntry } from '../samples';
import { useGauntlet } from '../store-context';

/** Buttons for the bundled samples (public/samples/index.json). */
export function SampleGallery() {
  const loadData = useGauntlet((s) => s.loadStructureData);
  const reportFailure = useGauntlet((s) => s.reportStructureFailure);
  const current = useGauntlet((s) => s.structure.loaded?.name ?? null);
  const [samples, setSamples] = useState<SampleEntry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchSampleIndex().then(
      (list) => live && setSamples(list),
      (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, []);

  const open = async (sample: SampleEntry) => {
    try {
      await loadData(sample.fileName, await fetchSample(sample), { kind: 'sample', file: sample.fileName });
    } catch (error) {
      reportFailure(sample.fileName, error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section className="panel" aria-label="Samples">
      <h2 className="panel-title">Samples</h2>
      {problem && <p className="field-hint">No samples: {problem}.</p>}
      {samples === null && !problem && <p className="field-hint">Loading the sample list…</p>}
      {samples && samples.length === 0 && <p className="field-hint">No bundled samples.</p>}
      {samples && samples.length > 0 && (
        <ul className="sample-gallery">
          {samples.map((s) => (
            <li key={s.url}>
              <button
                type="button"
                title={s.description ?? s.fileName}
                aria-pressed={current === s.fileName}
                data-kind={s.kind ?? undefined}
                onClick={() => void open(s)}
              >
                {s.name}
                {s.kind && <span className="sample-kind">{s.kind}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
