import { useId, useRef, useState } from 'react';
import { useGauntlet } from '../store-context';

const PASTE_FORMATS = [
  { value: 'txt', label: 'Detect' },
  { value: 'xyz', label: 'XYZ / extended XYZ' },
  { value: 'sdf', label: 'SDF / Molfile' },
  { value: 'pdb', label: 'PDB' },
  { value: 'ply', label: 'PLY (ASCII)' },
  { value: 'csv', label: 'CSV (x,y,z header)' },
  { value: 'pts', label: 'Points (x y z lines)' },
] as const;

/** Open file, and a paste box with a format choice. Drag-and-drop is handled by the page. */
export function StructureLoadPanel() {
  const loadFile = useGauntlet((s) => s.loadStructureFile);
  const loadData = useGauntlet((s) => s.loadStructureData);
  const loading = useGauntlet((s) => s.structure.loading);
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [format, setFormat] = useState<string>('txt');
  const pasteId = useId();
  const formatId = useId();

  return (
    <section className="panel structure-load" aria-label="Load a structure">
      <h2 className="panel-title">Load</h2>
      <div className="panel-actions">
        <button type="button" className="primary" onClick={() => inputRef.current?.click()}>
          Open file
        </button>
        <input
          ref={inputRef}
          type="file"
          hidden
          aria-label="Structure file"
          accept=".xyz,.extxyz,.sdf,.sd,.mol,.pdb,.ent,.ply,.csv,.tsv,.txt,.pts,.asc,.dat"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = ''; // the same file can be chosen again
            if (file) void loadFile(file);
          }}
        />
        <span className="field-hint">or drop a file anywhere on this page</span>
      </div>
      <label className="paste-label" htmlFor={pasteId}>
        Paste structure
      </label>
      <textarea
        id={pasteId}
        className="mono paste-box"
        rows={5}
        spellCheck={false}
        value={text}
        placeholder={'3\nwater\nO 0 0 0\nH 0.96 0 0\nH -0.24 0.93 0'}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <div className="panel-actions">
        <label htmlFor={formatId} className="inline-label">
          Format
        </label>
        <select id={formatId} value={format} onChange={(event) => setFormat(event.currentTarget.value)}>
          {PASTE_FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={text.trim().length === 0}
          onClick={() => void loadData(`pasted.${format}`, text)}
        >
          Load pasted
        </button>
      </div>
      {loading && (
        <p className="busy" aria-live="polite">
          Reading {loading}…
        </p>
      )}
    </section>
  );
}
