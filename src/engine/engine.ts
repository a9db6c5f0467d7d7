import type { Gpu } from '../gpu/runtime';
import type { ShNormalization } from '../o3/spherical-harmonics';
import { shEquivarianceOf } from './sh-equivariance';
import { shFieldOf } from './sh-field';
import { sphericalHarmonicsOf } from './sh-service';
import type {
  AdapterReport,
  EngineApi,
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

  /** Frees the device (Node needs this to exit). */
  async dispose(): Promise<void> {
    if (this.gpuPromise) (await this.gpuPromise).destroy();
    this.gpuPromise = null;
  }
}
