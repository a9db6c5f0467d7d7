import {
  type BenchProgress,
  defaultBenchOptions,
  runTpBenchmark,
  type TpBenchOptions,
  type TpBenchReport,
} from '../bench/tp-bench';
import type { Gpu } from '../gpu/runtime';
import type { ShNormalization } from '../o3/spherical-harmonics';
import type { TrainProgress } from '../train/trainer';
import { type ExpressivityReport, expressivityOf } from './expressivity';
import { radiusGraphOf } from './graph-service';
import { ProbeService } from './probe-service';
import type {
  EngineProbeReport,
  InferRequest,
  InferResult,
  ProbeProgress,
  ProbeRequest,
} from './probe-types';
import { shEquivarianceOf } from './sh-equivariance';
import { shFieldOf } from './sh-field';
import { sphericalHarmonicsOf } from './sh-service';
import { structureFromSmilesOf } from './smiles-service';
import { parseStructureOf, type StructureParseResult } from './structure-service';
import { type TpRequest, type TpResult, tensorProductOf } from './tp-service';
import { type TrainReport, type TrainRequest, trainOf } from './train-service';
import {
  type TrainControlResult,
  type TrainEvent,
  type TrainRunInfo,
  type TrainRunJson,
  TrainSession,
} from './train-session';
import type {
  AdapterReport,
  EngineApi,
  RadiusGraphResult,
  ShEquivarianceReport,
  ShFieldRequest,
  ShFieldResult,
  ShRequest,
  ShResult,
} from './types';

/**
 * The one headless facade: the Web Worker hosts it for the page, the CLI and tests call it
 * directly. The GPU opens on first use, so CPU-only work (the float64 twins) needs no adapter.
 */
export class Engine implements EngineApi {
  private gpuPromise: Promise<Gpu> | null = null;

  constructor(private readonly openGpu: () => Promise<Gpu>) {}

  static async create(gpu: Gpu): Promise<Engine> {
    return new Engine(async () => gpu);
  }

  gpu(): Promise<Gpu> {
    this.gpuPromise ??= this.openGpu();
    return this.gpuPromise;
  }

  async adapter(): Promise<AdapterReport> {
    return (await this.gpu()).report;
  }

  sphericalHarmonics(request: ShRequest): Promise<ShResult> {
    return sphericalHarmonicsOf(request, () => this.gpu());
  }

  tensorProduct(request: TpRequest): Promise<TpResult> {
    return tensorProductOf(request, () => this.gpu());
  }

  async shField(request: ShFieldRequest): Promise<ShFieldResult> {
    return shFieldOf(request, await this.gpu());
  }

  async shEquivariance(request: {
    lmax: number;
    seed: number;
    samples: number;
    normalization: ShNormalization;
  }): Promise<ShEquivarianceReport> {
    return shEquivarianceOf(request, await this.gpu());
  }

  async expressivity(irrep1: string, irrep2: string): Promise<ExpressivityReport> {
    return expressivityOf(irrep1, irrep2, await this.gpu());
  }

  /** Default benchmark sizes for this adapter (small on software adapters). */
  async benchDefaults(): Promise<TpBenchOptions> {
    return defaultBenchOptions((await this.gpu()).report.isFallback);
  }

  private benchAbort: AbortController | null = null;

  /** Runs the tensor-product benchmark; `cancelBench()` stops it between rows. */
  async benchTp(options: TpBenchOptions, onProgress?: (p: BenchProgress) => void): Promise<TpBenchReport> {
    this.benchAbort?.abort();
    const abort = new AbortController();
    this.benchAbort = abort;
    try {
      return await runTpBenchmark(await this.gpu(), options, onProgress, abort.signal);
    } finally {
      if (this.benchAbort === abort) this.benchAbort = null;
    }
  }

  cancelBench(): void {
    this.benchAbort?.abort();
  }

  async parseStructure(name: string, data: Uint8Array | string): Promise<StructureParseResult> {
    return parseStructureOf(name, data);
  }

  structureFromSmiles(smiles: string, seed: number): Promise<StructureParseResult> {
    return structureFromSmilesOf(smiles, seed);
  }

  async radiusGraph(positions: Float64Array, cutoff: number): Promise<RadiusGraphResult> {
    return radiusGraphOf(await this.gpu(), positions, cutoff);
  }

  private readonly probes = new ProbeService(() => this.gpu());

  /** Equivariance probe of a built-in or checkpointed model (see docs/probe.md). */
  probe(request: ProbeRequest, onProgress?: (p: ProbeProgress) => void): Promise<EngineProbeReport> {
    return this.probes.probe(request, onProgress);
  }

  /** Stops the running probe between batches, and drops the probes queued behind it. */
  cancelProbe(): void {
    this.probes.cancel();
  }

  /** Energy, per-atom energies (where the model has them) and forces of one structure. */
  infer(request: InferRequest): Promise<InferResult> {
    return this.probes.infer(request);
  }

  /** Trains a model on a generated data set and evaluates it on randomly rotated test samples. */
  async train(
    request: TrainRequest,
    onProgress?: (p: TrainProgress) => void,
    signal?: AbortSignal,
  ): Promise<TrainReport> {
    return trainOf(request, await this.gpu(), onProgress, signal);
  }

  private readonly training = new TrainSession(() => this.gpu());

  /** Replaces the session's run with a new one and trains it, streaming `onEvent` (docs: train-session.ts). */
  trainStart(
    request: TrainRequest,
    onEvent: (event: TrainEvent) => void,
    options?: { paused?: boolean },
  ): Promise<TrainRunInfo> {
    return this.training.start(request, onEvent, options);
  }

  trainPause(): Promise<TrainControlResult> {
    return this.training.pause();
  }

  trainResume(): Promise<TrainControlResult> {
    return this.training.resume();
  }

  trainStep(): Promise<TrainControlResult> {
    return this.training.stepOnce();
  }

  trainReset(): Promise<TrainRunInfo> {
    return this.training.reset();
  }

  trainCheckpoint(): Promise<TrainRunJson> {
    return this.training.checkpoint();
  }

  trainRestore(json: unknown, onEvent: (event: TrainEvent) => void): Promise<TrainRunInfo> {
    return this.training.restore(json, onEvent);
  }

  /** Frees the device (Node needs this to exit). */
  async dispose(): Promise<void> {
    await this.training.dispose();
    this.probes.dispose();
    if (this.gpuPromise) (await this.gpuPromise).destroy();
    this.gpuPromise = null;
  }
}
