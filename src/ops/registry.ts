import { reluOp, sigmoidOp, siluOp, tanhOp } from './activations';
import { addOp, mulOp, subOp } from './binary';
import { blockSqNormOp } from './block-sq-norm';
import { bsplineBasisOp } from './bspline-basis';
import { concatOp, sliceOp } from './columns';
import { crossEntropyOp } from './cross-entropy';
import { gateOp } from './gate';
import { gatherRowsOp, indexSelectOp } from './gather';
import { gauntProductOp } from './gaunt-product';
import { irrepsLinearOp } from './irreps-linear';
import { linearOp, matmulOp } from './matmul';
import { mseOp } from './mse';
import type { OpDef } from './op';
import { radialBasisOp } from './radial-basis';
import { meanAllOp, meanRowsOp, sumAllOp, sumRowsOp } from './reduce';
import { reshapeOp } from './reshape';
import { rowNormOp } from './row-norm';
import { scaleOp } from './scale';
import { scaleBlocksOp } from './scale-blocks';
import { segmentSumOp } from './segment-sum';
import { sphericalHarmonicsOp } from './spherical-harmonics';
import { cgTensorProductOp } from './tensor-product';

// biome-ignore lint/suspicious/noExplicitAny: the registry holds ops of every attribute type.
type AnyOp = OpDef<any>;

/**
 * Every differentiable op, by name. The op tests iterate this list (finite differences of the
 * float64 twin, GPU forward and backward vs the twin), so an op is tested as soon as it is here.
 */
const ALL: readonly AnyOp[] = [
  addOp,
  subOp,
  mulOp,
  scaleOp,
  matmulOp,
  linearOp,
  siluOp,
  sigmoidOp,
  tanhOp,
  reluOp,
  scaleBlocksOp,
  blockSqNormOp,
  sumRowsOp,
  meanRowsOp,
  sumAllOp,
  meanAllOp,
  gatherRowsOp,
  segmentSumOp,
  indexSelectOp,
  concatOp,
  sliceOp,
  reshapeOp,
  rowNormOp,
  mseOp,
  crossEntropyOp,
  sphericalHarmonicsOp,
  cgTensorProductOp,
  gauntProductOp,
  irrepsLinearOp,
  gateOp,
  radialBasisOp,
  bsplineBasisOp,
];

export const OP_REGISTRY: ReadonlyMap<string, AnyOp> = new Map(ALL.map((op) => [op.name, op]));

if (OP_REGISTRY.size !== ALL.length) throw new Error('two ops share a name');

export function getOp(name: string): AnyOp {
  const op = OP_REGISTRY.get(name);
  if (!op) throw new RangeError(`no op named "${name}"; known: ${[...OP_REGISTRY.keys()].join(', ')}`);
  return op;
}
