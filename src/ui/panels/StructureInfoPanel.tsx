import { useGauntlet } from '../store-context';

const FORMAT_NAMES: Record<string, string> = {
  xyz: 'XYZ',
  sdf: 'SDF / Molfile',
  pdb: 'PDB',
  ply: 'PLY',
  points: 'Points (x y z)',
  csv: 'CSV',
  smiles: 'SMILES (3D conformer)',
};

/** Atom count, formula, format, frames, and the frame selector. */
export function StructureInfoPanel() {
  const { loaded, frame } = useGauntlet((s) => s.structure);
  const setFrame = useGauntlet((s) => s.setStructureFrame);
  if (!loaded) return null;
  const current = loaded.frames[frame] ?? loaded.frames[0];
  const atoms = current.positions.length / 3;
  const molecule = loaded.kind === 'molecule';
  const frames = loaded.frames.length;
  return (
    <section className="panel" aria-label="Structure info">
      <h2 className="panel-title">{loaded.name}</h2>
      <dl className="structure-facts">
        <dt>{molecule ? 'Atoms' : 'Points'}</dt>
        <dd>
          <output aria-label="Atom count">{atoms.toLocaleString('en-US')}</output>
        </dd>
        {molecule && (
          <>
            <dt>Formula</dt>
            <dd>
              <output aria-label="Formula">{loaded.formula || '—'}</output>
            </dd>
            <dt>Bonds</dt>
            <dd>
              {(current.bonds.length / 2).toLocaleString('en-US')}
              {current.bondsInferred
                ? ' (inferred)'
                : loaded.format === 'smiles'
                  ? ' (from SMILES)'
                  : ' (from file)'}
            </dd>
          </>
        )}
        <dt>Format</dt>
        <dd>
          <output aria-label="Format">{FORMAT_NAMES[loaded.format] ?? loaded.format}</output>
        </dd>
        <dt>Frames</dt>
        <dd>
          <output aria-label="Frames">{frames.toLocaleString('en-US')}</output>
        </dd>
        {loaded.parseMs !== undefined && (
          <>
            <dt>{loaded.format === 'smiles' ? 'Built in' : 'Parsed in'}</dt>
            <dd>
              <output aria-label="Parse time">{loaded.parseMs.toFixed(1)} ms</output>
            </dd>
          </>
        )}
      </dl>
      {frames > 1 && (
        <label className="field frame-select">
          <span>
            Frame {frame + 1} of {frames}
          </span>
          <input
            type="range"
            aria-label="Frame"
            min={1}
            max={frames}
            value={frame + 1}
            onChange={(event) => setFrame(Number(event.currentTarget.value) - 1)}
          />
        </label>
      )}
      {current.comment && <p className="field-hint structure-comment">{current.comment}</p>}
    </section>
  );
}
