import type { BenchProgress, TpBenchOptions, TpBenchReport } from '../bench/tp-bench';
import type { AdapterReport } from '../gpu/adapter-report';
import type { ShNormalization } from '../o3/spherical-harmonics';
import type { ExpressivityReport } from './expressivity';
import type {
  EngineProbeReport,
  InferRequest,
  InferResult,
  ProbeProgress,
  ProbeRequest,
} from './probe-types';
import type {
  StructureData,
  StructureFrameData,
  StructureLoadError,
  StructureParseResult,
} from './structure-service';
import type { TpRequest, TpResult } from './tp-service';
import type { TrainMetrics, TrainRequest } from './train-service';
import type {
  SessionMetrics,
  TrainControlResult,
  TrainEvent,
  TrainRunInfo,
  TrainRunJson,
} from './train-session';

export type * from './probe-types';

export type {
  AdapterReport,
  BenchProgress,
  ExpressivityReport,
  SessionMetrics,
  ShNormalization,
  StructureData,
  StructureFrameData,
  StructureLoadError,
  StructureParseResult,
  TpBenchOptions,
  TpBenchReport,
  TpRequest,
  TpResult,
  TrainControlResult,
  TrainEvent,
  TrainMetrics,
  TrainRequest,
  TrainRunInfo,
  TrainRunJson,
};

export type Backend = 'gpu' | 'cpu';

export interface ShRequest {
  lmax: number;
  normalization: ShNormalization;
  normalize: boolean;
  /** Packed x, y, z per row. */
  vectors: Float64Array;
  backend: Backend;
}

export interface ShResult {
  /** e3nn irreps of one output row, e.g. "1x0e+1x1o+1x2e". */
  irreps: string;
  dim: number;
  /** n × dim, row-major, e3nn layout. */
  values: Float64Array;
}

export interface ShFieldRequest {
  l: number;
  m: number;
  normalization: ShNormalization;
  /** Latitude bands of the sphere mesh (longitude segments are twice this). */
  resolution: number;
}

/** Y_lm sampled on the vertices of a UV sphere, computed by the GPU kernel. */
export interface ShFieldResult {
  l: number;
  m: number;
  /** Unit-sphere vertex positions, packed xyz (e3nn axes: y is the polar axis). */
  positions: Float32Array;
  /** Triangle indices into `positions`. */
  indices: Uint32Array;
  /** Y_lm at each vertex. */
  values: Float32Array;
  min: number;
  max: number;
}

export type Verdict = 'invariant' | 'equivariant' | 'broken';

/** The SH kernel checked against its own transformation law: Y(R x) = D(R) Y(x). */
export interface ShEquivarianceReport {
  lmax: number;
  seed: number;
  samples: number;
  /** e3nn Euler angles (alpha, beta, gamma) of the random rotation. */
  angles: [number, number, number];
  /** ‖Y(Rx) − D(R)Y(x)‖ / ‖Y(Rx)‖ over all samples, GPU float32 outputs against float64 D(R). */
  relativeError: number;
  /** What float32 rounding alone produces here; errors near it are noise. */
  float32Floor: number;
  verdict: Verdict;
}

/** What the UI can ask the engine (in a worker) to do. Every method is async and posts plain data. */
/** A structure's radius graph for the view: undirected pairs (i < j), flattened. */
export interface RadiusGraphResult {
  cutoff: number;
  pairs: Uint32Array;
  /** Where it was built: the GPU cell list for large structures, the CPU for small ones. */
  builtOn: 'cpu' | 'gpu';
  ms: number;
}

export interface EngineApi {
  adapter(): Promise<AdapterReport>;
  sphericalHarmonics(request: ShRequest): Promise<ShResult>;
  shField(request: ShFieldRequest): Promise<ShFieldResult>;
  shEquivariance(request: {
    lmax: number;
    seed: number;
    samples: number;
    normalization: ShNormalization;
  }): Promise<ShEquivarianceReport>;
  tensorProduct(request: TpRequest): Promise<TpResult>;
  /** Which outputs each tensor-product method produces from irrep1 ⊗ irrep2, measured on the GPU. */
  expressivity(irrep1: string, irrep2: string): Promise<ExpressivityReport>;
  benchDefaults(): Promise<TpBenchOptions>;
  /** `onProgress` is called per row (in a worker, pass it through comlink's proxy()). */
  benchTp(options: TpBenchOptions, onProgress?: (p: BenchProgress) => void): Promise<TpBenchReport>;
  cancelBench(): Promise<void> | void;
  /** Parses a structure file (CPU only, no GPU needed); a bad file is an `ok: false` answer, not a throw. */
  parseStructure(name: string, data: Uint8Array | string): Promise<StructureParseResult>;
  /** A 3D conformer (with hydrogens) of a SMILES string; bad SMILES is an `ok: false` answer with the column. */
  structureFromSmiles(smiles: string, seed: number): Promise<StructureParseResult>;
  /** The radius graph the models would build on these positions (drawn as nodes and edges). */
  radiusGraph(positions: Float64Array, cutoff: number): Promise<RadiusGraphResult>;
  /**
   * Equivariance probe of a model on a structure (docs/probe.md): errors and verdicts per
   * transformation family, per output and per layer, plus custom transformations and a sweep.
   * `onProgress` reports structures evaluated (in a worker, pass it through comlink's proxy()).
   */
  probe(request: ProbeRequest, onProgress?: (p: ProbeProgress) => void): Promise<EngineProbeReport>;
  /** Stops the running probe (it rejects with an AbortError) and the probes queued behind it. */
  cancelProbe(): Promise<void> | void;
  /** Runs a model once: energy, per-atom energies where available, forces, and every output. */
  infer(request: InferRequest): Promise<InferResult>;
  /**
   * Training session (one run at a time, kept in the worker). `trainStart` replaces the run and
   * plays it unless `paused`; `onEvent` streams read-back losses, metrics and the loop's own stop
   * (in a worker, pass it through comlink's proxy()). Progress can arrive after a call's result.
   */
  trainStart(
    request: TrainRequest,
    onEvent: (event: TrainEvent) => void,
    options?: { paused?: boolean },
  ): Promise<TrainRunInfo>;
  /** Stops after the step in progress; the result carries fresh metrics. */
  trainPause(): Promise<TrainControlResult>;
  trainResume(): Promise<TrainControlResult>;
  /** One step of a paused run, then metrics. */
  trainStep(): Promise<TrainControlResult>;
  /** The same request from scratch: fresh weights, step 0, paused. */
  trainReset(): Promise<TrainRunInfo>;
  /** The paused run as JSON: request + checkpoint (weights, optimizer state, losses). */
  trainCheckpoint(): Promise<TrainRunJson>;
  /** Rebuilds a run from trainCheckpoint's JSON, paused, so training continues exactly. */
  trainRestore(json: unknown, onEvent: (event: TrainEvent) => void): Promise<TrainRunInfo>;
}

/** How the worker reports that it could not get a GPU; the UI explains how to enable WebGPU. */
export interface EngineUnavailable {
  kind: 'webgpu-unavailable';
  message: string;
  help: string;
}
