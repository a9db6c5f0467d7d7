/**
 * A compute kernel as the runtime sees it. The WGSL declares `override WG: u32` and uses
 * `@workgroup_size(WG)`; the runtime passes `workgroupSize` as that constant and sizes
 * dispatches with the same number, so the shader and the dispatch cannot disagree.
 */
export interface KernelSpec {
  readonly label: string;
  /** WGSL source, imported with `?raw` (one mechanism in the browser, vitest and the CLI). */
  readonly code: string;
  readonly workgroupSize: number;
  /** Further pipeline-overridable constants (e.g. `lmax`), baked at pipeline creation. */
  readonly constants?: Readonly<Record<string, number>>;
  readonly entryPoint?: string;
}

export type Binding = GPUBuffer | { buffer: GPUBuffer; offset?: number; size?: number };

/**
 * Workgroup grid covering `items` invocations of size `workgroupSize`, spilling into y when x
 * would exceed the per-dimension limit. Shaders index as `gid.x + gid.y * (nwg.x * WG)`.
 */
export function workgroupGrid(
  items: number,
  workgroupSize: number,
  maxPerDimension: number,
): [number, number, number] {
  const groups = Math.max(1, Math.ceil(items / workgroupSize));
  if (groups <= maxPerDimension) return [groups, 1, 1];
  const y = Math.ceil(groups / maxPerDimension);
  if (y > maxPerDimension) throw new Error(`${items} items exceed the adapter's dispatch limits`);
  return [Math.ceil(groups / y), y, 1];
}

export function pipelineKey(spec: KernelSpec): string {
  const constants = spec.constants ? JSON.stringify(Object.entries(spec.constants).sort()) : '';
  return `${spec.entryPoint ?? 'main'}|${spec.workgroupSize}|${constants}|${spec.code}`;
}
