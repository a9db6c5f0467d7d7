import { useEffect, useRef, useState } from 'react';
import { downloadBlob } from '../download';
import { SampleGallery } from '../panels/SampleGallery';
import { StructureErrorAlert } from '../panels/StructureErrorAlert';
import { StructureInfoPanel } from '../panels/StructureInfoPanel';
import { StructureLoadPanel } from '../panels/StructureLoadPanel';
import { useGauntlet } from '../store-context';
import { StructureView } from '../views/three/StructureView';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/** Load a molecule or point cloud (file, drop, paste or sample) and look at it in 3D. */
export function StructuresPage() {
  const { loaded, frame, loading } = useGauntlet((s) => s.structure);
  const loadFile = useGauntlet((s) => s.loadStructureFile);
  const [dragging, setDragging] = useState(false);
  const pageRef = useRef<HTMLDivElement>(null);

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
  const stem = loaded ? loaded.name.replace(/\.[^.]*$/, '') : 'structure';

  return (
    <div className="page sidebar-page structures-page" ref={pageRef}>
      <aside className="sidebar" aria-label="Load and inspect">
        <h1>Structures</h1>
        <p className="intro">
          Molecules and point clouds: XYZ, SDF, PDB, PLY, CSV. Parsed in the engine worker.
        </p>
        <StructureLoadPanel />
        <StructureInfoPanel />
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
        />
        {!loaded && (
          <p className="view-placeholder">Open a file, drop one here, paste one, or pick a sample.</p>
        )}
        <div className="view-footer">
          <p className="caption">
            Drag to rotate, scroll to zoom, right-drag to pan. Atoms coloured by element (CPK), sized by
            covalent radius; bonds from the file, otherwise where d &lt; 1.2·(r<sub>i</sub> + r<sub>j</sub>).
          </p>
        </div>
      </section>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop a structure file to load it</p>
        </div>
      )}
    </div>
  );
}
