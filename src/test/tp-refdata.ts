// Typed access to tp.json (e3nn 0.5.1 tensor-product cases) and the plans they describe.
import {
  fullyConnectedInstructions,
  makeTpPlan,
  type TpInstruction,
  type TpPlan,
} from '../o3/tp-instructions';
import { loadRefdata } from './refdata';

export interface TpRefInstruction {
  i_in1: number;
  i_in2: number;
  i_out: number;
  connection_mode: string;
  has_weight: boolean;
  path_weight: number;
  path_shape: number[];
  weight_offset: number;
  weight_numel: number;
}

export interface TpRefCase {
  name: string;
  class: 'FullyConnectedTensorProduct' | 'TensorProduct';
  irreps_in1: string;
  irreps_in2: string;
  irreps_out: string;
  /** TensorProduct cases only: the instruction tuples passed to e3nn. */
  instructions_input?: [number, number, number, string, boolean][];
  irrep_normalization: 'component';
  path_normalization: 'element';
  shared_weights: boolean;
  weight_numel: number;
  instructions: TpRefInstruction[];
  batch: number;
  x1: number[][];
  x2: number[][];
  /** Flat (shared) or one row per sample. */
  weights: number[] | number[][];
  out: number[][];
}

export function loadTpCases(): TpRefCase[] {
  return loadRefdata<{ cases: TpRefCase[] }>('tp.json').cases;
}

/** The instructions the case was built with (FullyConnected cases: by our own builder). */
export function refInstructions(c: TpRefCase): TpInstruction[] {
  if (!c.instructions_input) return fullyConnectedInstructions(c.irreps_in1, c.irreps_in2, c.irreps_out);
  return c.instructions_input.map(([iIn1, iIn2, iOut, mode, hasWeight]) => ({
    iIn1,
    iIn2,
    iOut,
    mode: mode as TpInstruction['mode'],
    hasWeight,
  }));
}

export function refPlan(c: TpRefCase): TpPlan {
  return makeTpPlan(c.irreps_in1, c.irreps_in2, c.irreps_out, refInstructions(c), {
    irrepNormalization: c.irrep_normalization,
    pathNormalization: c.path_normalization,
  });
}

export function flatWeights(c: TpRefCase): Float64Array {
  return Float64Array.from((c.weights as (number | number[])[]).flat());
}
