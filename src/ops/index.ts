/**
 * The differentiable ops as model code uses them: `ops.silu(ctx, ops.linear(ctx, x, W, b))`.
 * Each takes the step's Context first and returns a new tensor owned by it (see docs/autograd.md).
 */
export { relu, sigmoid, silu, tanh } from './activations';
export { add, mul, sub } from './binary';
export { blockSqNorm } from './block-sq-norm';
export { type BsplineBasisAttrs, bsplineBasis } from './bspline-basis';
export { concat, slice } from './columns';
export { crossEntropy } from './cross-entropy';
export { GatePlan, gatedNonlinearity } from './gate';
export { gatherRows, indexSelect } from './gather';
export {
  type DegreeWeighting,
  GAUNT_ROUTES,
  GauntProduct,
  type GauntRouteName,
  gauntProduct,
} from './gaunt-product';
export { irrepsLinear } from './irreps-linear';
export { linear, matmul } from './matmul';
export { mse } from './mse';
export { apply, type HostTensor, type OpCase, type OpDef } from './op';
export { radialBasisOf as radialBasis } from './radial-basis';
export { meanAll, meanRows, sumAll, sumRows } from './reduce';
export { getOp, OP_REGISTRY } from './registry';
export { reshape } from './reshape';
export { rowNorm } from './row-norm';
export { scale } from './scale';
export { scaleBlocks, scaleBlocks as gate } from './scale-blocks';
export { segmentSum } from './segment-sum';
export { sphericalHarmonicsOf as sphericalHarmonics } from './spherical-harmonics';
export { CgProduct, cgTensorProduct } from './tensor-product';
