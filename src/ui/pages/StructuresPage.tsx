import { useEffect, useMemo, useRef, useState } from 'react';
import { frameChannels, type PerAtomChannel } from '../../store/per-atom';
import { perAtomCsv, perAtomJson } from '../../store/per-atom-export';
import { sideBySideVectors } from '../../store/probe-overlay';
import { ShortcutsDialog } from '../components/ShortcutsDialog';
import { downloadBlob } from '../download';
import { ProbeModelPanel } from '../panels/ProbeModelPanel';
import { ProbePanel } from '../panels/ProbePanel';
import { ProbeSweepPanel } from '../panels/ProbeSweepPanel';
import { SampleGallery } from '../panels/SampleGallery';
import { SmilesPanel } from '../panels/SmilesPanel';
import { StructureDisplayPanel } from '../panels/StructureDisplayPanel';
import { StructureErrorAlert } from '../panels/StructureErrorAlert';
import { StructureInfoPanel } from '../panels/StructureInfoPanel';
import { StructureLoadPanel } from '../panels/StructureLoadPanel';
import { useGauntlet } from '../store-context';
import { useShortcuts } from '../use-shortcuts';
import { useWorkbenchLink } from '../use-workbench-link';
import { signalFromIrreps } from '../views/glyph-signal';
import { StructureView, type StructureViewController } from '../views/three/StructureView';
import '../workbench.css';

/** One arrow-key press turns the structure by this much. */
const KEY_STEP = (15 * Math.PI) / 180;

const SHORTCUTS = [
  { keys: ['Space'], action: 'Run the probe, or cancel it while it runs' },
  { keys: ['←', '→'], action: 'Turn the structure 15° about the screen’s vertical axis' },
  { keys: ['↑', '↓'], action: 'Turn the structure 15° about the screen’s horizontal axis' },
  { keys: ['?'], action: 'Show this list' },
  { keys: ['Esc'], action: 'Close this list' },
] as const;

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/** Load a molecule or point cloud (file, drop, paste or sample) and look at it in 3D. */
export function StructuresPage() {
  const { loaded, frame, loading, rotation, display, source } = useGauntlet((s) => s.structure);
  const loadFile = useGauntlet((s) => s.loadStructureFile);
  const rotateStructure = useGauntlet((s) => s.rotateStructure);
  const [dragging, setDragging] = useState(false);
  const [help, setHelp] = useState(false);
  const pageRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<StructureViewController | null>(null);
  useWorkbenchLink('structures');

  const probe = useGauntlet((s) => s.probe);
  const runProbe = useGauntlet((s) => s.runProbe);
  const cancelProbe = useGauntlet((s) => s.cancelProbe);
  const probeTransformation = useGauntlet((s) => s.probeTransformation);
  const setDisplay = useGauntlet((s) => s.setStructureDisplay);
  const [showComparison, setShowComparison] = useState(true);

  const current = loaded ? (loaded.frames[frame] ?? loaded.frames[0]) : null;
  const n = current ? current.positions.length / 3 : 0;
  const graph = useGauntlet((s) => s.graph);
  const refreshGraph = useGauntlet((s) => s.refreshGraph);
  // A new structure or frame rebuilds the radius graph when it is shown.
  useEffect(() => {
    if (current) void refreshGraph();
  }, [current, refreshGraph]);
  const graphEdges =
    graph.shown && current && graph.key === current.positions ? (graph.result?.pairs ?? null) : null;
  // Model results belong to the frame they ran on (the probe slice drops them on a new structure).
  const inference = probe.structureKey === current ? probe.inference : null;
  const live = probe.structureKey === current ? probe.live : null;
  const channels = useMemo<PerAtomChannel[]>(() => {
    if (!current || !loaded) return [];
    const out = frameChannels(current, loaded.kind === 'molecule');
    if (inference?.atomEnergies?.length === n)
      out.push({
        label: 'Atom energy (model)',
        kind: 'scalar',
        values: Float64Array.from(inference.atomEnergies),
      });
    if (inference?.forces?.length === 3 * n)
      out.push({ label: 'Forces (model)', kind: 'vector', values: Float64Array.from(inference.forces) });
    for (const o of inference?.outputs ?? [])
      if (o.perAtom && o.values.length > 0)
        out.push({
          label: `${o.name} (${o.irreps})`,
          kind: 'signal',
          values: Float64Array.from(o.values),
          irreps: o.irreps,
        });
    return out;
  }, [current, loaded, inference, n]);
  const scalar = channels.find((c) => c.kind === 'scalar' && c.label === display.scalar) ?? null;
  const vector = channels.find((c) => c.kind === 'vector' && c.label === display.vector) ?? null;
  const signalChannel = channels.find((c) => c.kind === 'signal' && c.label === display.signal) ?? null;
  const glyphs = useMemo(
    () => (signalChannel?.irreps ? signalFromIrreps(signalChannel.irreps, signalChannel.values, n) : null),
    [signalChannel, n],
  );
  const comparison = useMemo(
    () => (live && showComparison ? sideBySideVectors(live, n) : null),
    [live, showComparison, n],
  );

  // A fresh model run shows its forces and per-atom energies.
  useEffect(() => {
    if (!inference) return;
    setDisplay({
      vector: inference.forces ? 'Forces (model)' : null,
      ...(inference.atomEnergies ? { scalar: 'Atom energy (model)' } : {}),
    });
  }, [inference, setDisplay]);

  // Once the model has run here, every new rotation of the structure is probed (calls coalesce).
  const armed =
    inference !== null || live !== null || (probe.report !== null && probe.structureKey === current);
  const armedRef = useRef(armed);
  armedRef.current = armed;
  const firstRotation = useRef(rotation);
  useEffect(() => {
    if (rotation === firstRotation.current || !armedRef.current) return;
    void probeTransformation();
  }, [rotation, probeTransformation]);

  useShortcuts({
    onArrow: (dx, dy) => {
      const axes = viewRef.current?.screenAxes();
      if (!axes || !loaded) return;
      // Right arrow turns the front of the structure right: about the screen's up axis.
      if (dx !== 0) rotateStructure(axes.up, dx * KEY_STEP);
      if (dy !== 0) rotateStructure(axes.right, dy * KEY_STEP);
    },
    onHelp: () => setHelp(true),
    onSpace: () => {
      if (!loaded) return;
      if (probe.busy === 'sweep' || probe.busy === 'live') cancelProbe();
      else if (probe.busy === null) void runProbe();
    },
  });

  // Drop anywhere on the page. dragenter/dragleave fire for every child crossed: count them to know
  // when the drag has really left.
  useEffect(() => {
    const page = pageRef.current;
    if (!page) return;
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!hasFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) void loadFile(file);
    };
    page.addEventListener('dragenter', enter);
    page.addEventListener('dragover', over);
    page.addEventListener('dragleave', leave);
    page.addEventListener('drop', drop);
    return () => {
      page.removeEventListener('dragenter', enter);
      page.removeEventListener('dragover', over);
      page.removeEventListener('dragleave', leave);
      page.removeEventListener('drop', drop);
    };
  }, [loadFile]);

  const label = loaded
    ? `${loaded.kind === 'molecule' ? 'Molecule' : 'Point cloud'} ${loaded.name}, frame ${frame + 1}`
    : 'No structure loaded';
  const stem = loaded ? fileStem(loaded.name, loaded.format) : 'structure';
  const exportTable = (kind: 'json' | 'csv') => {
    if (!current || !loaded) return;
    const text =
      kind === 'csv'
        ? perAtomCsv(current, channels)
        : perAtomJson(current, channels, { structure: loaded.name, source, frame: frame + 1 });
    const type = kind === 'csv' ? 'text/csv' : 'application/json';
    downloadBlob(new Blob([text], { type }), `${stem}-per-atom.${kind}`);
  };

  return (
    <div className={`page sidebar-page structures-page${loaded ? ' with-probe' : ''}`} ref={pageRef}>
      <aside className="sidebar" aria-label="Load and inspect">
        <h1>Structures</h1>
        <p className="intro">
          Molecules and point clouds: XYZ, SDF, PDB, PLY, CSV, or SMILES. Parsed in the engine worker.
        </p>
        <StructureLoadPanel />
        <SmilesPanel />
        <StructureInfoPanel />
        {loaded && <StructureDisplayPanel channels={channels} onExport={exportTable} />}
        <SampleGallery />
      </aside>
      <section className="view-area" aria-label="Structure view">
        <div className="view-header">
          <h2>
            {loaded ? loaded.name : 'No structure yet'}
            {loaded && (
              <span className="view-sub">
                {' '}
                {loaded.kind === 'molecule' ? `${loaded.formula}, ball and stick` : 'point cloud'}
                {loaded.frames.length > 1 ? ` · frame ${frame + 1}/${loaded.frames.length}` : ''}
              </span>
            )}
          </h2>
          {loading && <span className="busy">reading {loading}…</span>}
        </div>
        <StructureErrorAlert />
        <StructureView
          structure={loaded}
          frame={frame}
          label={label}
          onScreenshot={(png) => downloadBlob(png, `${stem}-frame${frame + 1}.png`)}
          rotation={rotation}
          atomScalars={scalar?.values ?? null}
          scalarLabel={scalar?.label}
          atomVectors={comparison ? comparison.expected : (vector?.values ?? null)}
          vectorLabel={comparison ? `ρ(g)f(x), ${comparison.name}` : vector?.label}
          overlayVectors={comparison ? comparison.actual : null}
          overlayLabel={comparison ? `f(g·x), ${comparison.name}` : undefined}
          atomGlyphs={glyphs}
          graphEdges={graphEdges}
          glyphLabel={signalChannel?.label}
          onRotate={rotateStructure}
          controllerRef={viewRef}
        />
        {!loaded && (
          <p className="view-placeholder">Open a file, drop one here, paste one, or pick a sample.</p>
        )}
        <div className="view-footer">
          <p className="caption">
            Drag to rotate, scroll to zoom, right-drag to pan; arrow keys turn the structure,{' '}
            <button type="button" className="link-button" onClick={() => setHelp(true)}>
              ? lists shortcuts
            </button>
            . Atoms sized by covalent radius; bonds from the file, otherwise where d &lt; 1.2·(r<sub>i</sub> +
            r<sub>j</sub>).
          </p>
        </div>
      </section>
      {loaded && (
        <aside className="probe-column" aria-label="Model and probe">
          <ProbeModelPanel />
          <ProbePanel showComparison={showComparison} onShowComparison={setShowComparison} />
          <ProbeSweepPanel fileStem={stem} />
          {probe.error && (
            <p className="error" role="alert">
              {probe.error}
            </p>
          )}
        </aside>
      )}
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} shortcuts={SHORTCUTS} />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop a structure file to load it</p>
        </div>
      )}
    </div>
  );
}

/** A file-name stem: the file's name without extension, or a safe form of a SMILES string. */
function fileStem(name: string, format: string): string {
  if (format === 'smiles') return `smiles-${name.replace(/[^\w-]+/g, '_').slice(0, 40)}`;
  return name.replace(/\.[^.]*$/, '');
}
