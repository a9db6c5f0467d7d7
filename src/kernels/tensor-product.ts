/**
 * Clebsch–Gordan tensor product on the GPU (e3nn 0.5.1 semantics), forward and backward.
 * Wraps shaders/tp/cg_contract.wgsl (forward and both input gradients, driven by per-direction
 * tables), shaders/tp/cg_weight_grad.wgsl and, for shared weights, the deterministic chunk sum
 * of shaders/common/sum_leading_axis.wgsl. Design and FLOP counts: docs/kernels/cg-tensor-product.md.
 */
import cgContractSource from '../../shaders/tp/cg_contract.wgsl?raw';
import cgWeightGradSource from '../../shaders/tp/cg_weight_grad.wgsl?raw';
import type { Batch } from '../gpu/batch';
import { type KernelSpec, workgroupGrid } from '../gpu/kernel-spec';
import type { Gpu } from '../gpu/runtime';
import type { TpPlan } from '../o3/tp-instructions';
import { encodeSumLeadingAxis } from './sum-leading-axis';
import {
  contractionLaunch,
  contractionTerms,
  type Direction,
  directionDims,
  type PackedContraction,
  packContraction,
  packWeightGradient,
  STAGING_TILE,
} from './tensor-product-tables';

export { cgBackwardFlops, cgForwardFlops } from './tensor-product-tables';

/** The contraction kernel at its largest launch shape; each plan direction sizes WG and TILE to its work. */
export const CG_CONTRACT: KernelSpec = {
  label: 'cg contract',
  code: cgContractSource,
  workgroupSize: 64,
  constants: { TILE: STAGING_TILE },
};
export const CG_WEIGHT_GRAD: KernelSpec = {
  label: 'cg weight grad',
  code: cgWeightGradSource,
  workgroupSize: 64,
};

/** Invocations the shared-weight gradient aims for: enough chunks of the batch to fill a GPU. */
const WEIGHT_GRAD_TARGET_INVOCATIONS = 16384;

interface DirectionTables {
  spec: KernelSpec;
  terms: GPUBuffer;
  cg: GPUBuffer;
  numTerms: number;
  dims: [number, number, number];
}

export class CgTensorProductKernel {
  private readonly directions: Record<Direction, DirectionTables>;
  private readonly weightTable: GPUBuffer;
  private readonly weightGroups: { start: number; count: number };
  /** Bound in place of the weights when the plan has none (a binding must always be present). */
  private readonly noWeights: GPUBuffer;
  private scratch: GPUBuffer | null = null;
  private readonly retired: GPUBuffer[] = [];

  constructor(
    private readonly gpu: Gpu,
    readonly plan: TpPlan,
  ) {
    const upload = (d: Direction): DirectionTables & { packed: PackedContraction } => {
      const terms = contractionTerms(plan, d);
      const packed = packContraction(terms);
      const dims = directionDims(plan, d);
      const { workgroupSize, tile } = contractionLaunch(terms, dims[2]);
      return {
        spec: { ...CG_CONTRACT, workgroupSize, constants: { TILE: tile } },
        terms: gpu.storage(`cg ${d} terms`, packed.terms),
        cg: gpu.storage(`cg ${d} coefficients`, packed.cg),
        numTerms: packed.numTerms,
        dims,
        packed,
      };
    };
    const forward = upload('forward');
    this.directions = { forward, gradX1: upload('gradX1'), gradX2: upload('gradX2') };
    const { table, groupsStart, numGroups } = packWeightGradient(plan, forward.packed);
    this.weightTable = gpu.storage('cg weight-gradient table', table);
    this.weightGroups = { start: groupsStart, count: numGroups };
    this.noWeights = gpu.storage('cg no weights', 16);
  }

  /** Records out ← x1 ⊗ x2 (weights: weightNumel floats when shared, batchSize × weightNumel otherwise). */
  encodeForward(
    batch: Batch,
    x1: GPUBuffer,
    x2: GPUBuffer,
    weights: GPUBuffer | null,
    out: GPUBuffer,
    batchSize: number,
    sharedWeights: boolean,
  ): void {
    this.contract(batch, 'forward', x1, x2, weights, out, batchSize, sharedWeights);
  }

  /**
   * Records the gradients of Σ gradOut · out: gradX1, gradX2 and gradWeights (weightNumel floats,
   * summed over the batch, when shared; batchSize × weightNumel otherwise). gradWeights may be
   * null when the plan has no weights; a null gradX1 or gradX2 is skipped (e.g. no gradient is
   * wanted for edge harmonics).
   */
  encodeBackward(
    batch: Batch,
    x1: GPUBuffer,
    x2: GPUBuffer,
    weights: GPUBuffer | null,
    gradOut: GPUBuffer,
    gradX1: GPUBuffer | null,
    gradX2: GPUBuffer | null,
    gradWeights: GPUBuffer | null,
    batchSize: number,
    sharedWeights: boolean,
  ): void {
    if (gradX1) this.contract(batch, 'gradX1', x2, gradOut, weights, gradX1, batchSize, sharedWeights);
    if (gradX2) this.contract(batch, 'gradX2', x1, gradOut, weights, gradX2, batchSize, sharedWeights);
    const numel = this.plan.weightNumel;
    if (numel === 0) return;
    if (!gradWeights)
      throw new RangeError('CgTensorProductKernel: gradWeights is required when the plan has weights');
    requireFloats(gradWeights, (sharedWeights ? 1 : batchSize) * numel, 'gradWeights');
    // An empty batch contributes nothing to a shared gradient: it is zero, not left untouched.
    if (batchSize === 0) {
      if (sharedWeights) batch.clear(gradWeights, 0, numel * 4);
      return;
    }
    this.weightGradient(batch, x1, x2, gradOut, gradWeights, batchSize, sharedWeights);
  }

  dispose(): void {
    for (const d of Object.values(this.directions)) {
      this.gpu.destroyBuffer(d.terms);
      this.gpu.destroyBuffer(d.cg);
    }
    for (const b of [this.weightTable, this.noWeights, ...this.retired]) this.gpu.destroyBuffer(b);
    if (this.scratch) this.gpu.destroyBuffer(this.scratch);
    this.retired.length = 0;
    this.scratch = null;
  }

  private contract(
    batch: Batch,
    direction: Direction,
    a: GPUBuffer,
    b: GPUBuffer,
    weights: GPUBuffer | null,
    out: GPUBuffer,
    batchSize: number,
    sharedWeights: boolean,
  ): void {
    const tables = this.directions[direction];
    const [dimA, dimB, dimO] = tables.dims;
    if (!Number.isInteger(batchSize) || batchSize < 0)
      throw new RangeError(`CgTensorProductKernel: bad batch size ${batchSize}`);
    requireFloats(a, batchSize * dimA, `${direction} input A`);
    requireFloats(b, batchSize * dimB, `${direction} input B`);
    requireFloats(out, batchSize * dimO, `${direction} output`);
    if (weights) requireFloats(weights, (sharedWeights ? 1 : batchSize) * this.plan.weightNumel, 'weights');
    if (batchSize === 0 || dimO === 0) return;
    if (!weights && this.plan.weightNumel > 0)
      throw new RangeError('CgTensorProductKernel: this plan needs weights');
    const weightStride = sharedWeights ? 0 : this.plan.weightNumel;
    const params = new Uint32Array([batchSize, tables.numTerms, dimA, dimB, dimO, weightStride, 0, 0]);
    // One workgroup per sample, spilling into y past the per-dimension limit.
    const grid = workgroupGrid(batchSize, 1, this.gpu.device.limits.maxComputeWorkgroupsPerDimension);
    batch.dispatch(
      tables.spec,
      [
        batch.uniform(`cg ${direction} params`, params),
        tables.terms,
        tables.cg,
        a,
        b,
        weights ?? this.noWeights,
        out,
      ],
      grid,
    );
  }

  /** Per-sample weights: one chunk per sample, straight into gradWeights; shared: chunk partials, then their sum. */
  private weightGradient(
    batch: Batch,
    x1: GPUBuffer,
    x2: GPUBuffer,
    gradOut: GPUBuffer,
    gradWeights: GPUBuffer,
    batchSize: number,
    sharedWeights: boolean,
  ): void {
    const numel = this.plan.weightNumel;
    const groups = this.weightGroups;
    const wanted = sharedWeights ? Math.ceil(WEIGHT_GRAD_TARGET_INVOCATIONS / groups.count) : batchSize;
    const chunk = Math.ceil(batchSize / Math.min(batchSize, Math.max(1, wanted)));
    const chunks = Math.ceil(batchSize / chunk);
    const direct = !sharedWeights || chunks === 1;
    const partial = direct ? gradWeights : this.scratchFor(chunks * numel);
    const [d1, d2, dOut] = this.directions.forward.dims;
    const params = new Uint32Array(12);
    params.set([batchSize, numel, chunk, chunks * groups.count, d1, d2, dOut, groups.count, groups.start]);
    const uniform = batch.uniform('cg weight grad params', params);
    const bindings = [uniform, this.weightTable, this.directions.forward.cg, x1, x2, gradOut, partial];
    batch.dispatch(CG_WEIGHT_GRAD, bindings, chunks * groups.count);
    if (!direct) encodeSumLeadingAxis(batch, partial, gradWeights, chunks, numel);
  }

  /** Scratch for per-chunk weight-gradient partials; replaced buffers live until dispose (a recorded batch may use them). */
  private scratchFor(floats: number): GPUBuffer {
    if (!this.scratch || this.scratch.size < floats * 4) {
      if (this.scratch) this.retired.push(this.scratch);
      this.scratch = this.gpu.storage('cg weight-gradient partials', floats * 4);
    }
    return this.scratch;
  }
}

function requireFloats(buffer: GPUBuffer, floats: number, what: string): void {
  if (buffer.size < floats * 4) {
    throw new RangeError(`CgTensorProductKernel: ${what} holds ${buffer.size} bytes, needs ${floats * 4}`);
  }
}

/** One forward product, start to finish: uploads, runs, reads back. For tests, tools and one-off use. */
export async function cgTensorProductOnGpu(
  gpu: Gpu,
  plan: TpPlan,
  x1: Float32Array,
  x2: Float32Array,
  weights: Float32Array,
  batchSize: number,
  sharedWeights: boolean,
): Promise<Float32Array> {
  if (batchSize * plan.irrepsOut.dim === 0) return new Float32Array(0);
  const kernel = new CgTensorProductKernel(gpu, plan);
  const buffers = [gpu.storage('cg x1', x1), gpu.storage('cg x2', x2), gpu.storage('cg weights', weights)];
  const out = gpu.storage('cg out', Math.max(4, batchSize * plan.irrepsOut.dim * 4));
  try {
    const batch = gpu.batch();
    kernel.encodeForward(batch, buffers[0], buffers[1], buffers[2], out, batchSize, sharedWeights);
    await batch.submit();
    return await gpu.readF32(out, batchSize * plan.irrepsOut.dim);
  } finally {
    for (const b of [...buffers, out]) gpu.destroyBuffer(b);
    kernel.dispose();
  }
}

/** One backward pass, start to finish (gradWeights summed over the batch when shared). */
export async function cgTensorProductBackwardOnGpu(
  gpu: Gpu,
  plan: TpPlan,
  x1: Float32Array,
  x2: Float32Array,
  weights: Float32Array,
  gradOut: Float32Array,
  batchSize: number,
  sharedWeights: boolean,
): Promise<{ gradX1: Float32Array; gradX2: Float32Array; gradWeights: Float32Array }> {
  const sizes = [plan.irrepsIn1.dim, plan.irrepsIn2.dim].map((d) => batchSize * d);
  const weightGradSize = (sharedWeights ? 1 : batchSize) * plan.weightNumel;
  const kernel = new CgTensorProductKernel(gpu, plan);
  const inputs = [x1, x2, weights, gradOut].map((data, n) => gpu.storage(`cg backward input ${n}`, data));
  const outputs = [...sizes, weightGradSize].map((n, i) =>
    gpu.storage(`cg backward output ${i}`, Math.max(4, n * 4)),
  );
  try {
    const batch = gpu.batch();
    kernel.encodeBackward(
      batch,
      inputs[0],
      inputs[1],
      inputs[2],
      inputs[3],
      outputs[0],
      outputs[1],
      outputs[2],
      batchSize,
      sharedWeights,
    );
    await batch.submit();
    const read = (b: GPUBuffer, n: number) =>
      n === 0 ? Promise.resolve(new Float32Array(0)) : gpu.readF32(b, n);
    const [gradX1, gradX2, gradWeights] = await Promise.all([
      read(outputs[0], sizes[0]),
      read(outputs[1], sizes[1]),
      read(outputs[2], weightGradSize),
    ]);
    return { gradX1, gradX2, gradWeights };
  } finally {
    for (const b of [...inputs, ...outputs]) gpu.destroyBuffer(b);
    kernel.dispose();
  }
}
