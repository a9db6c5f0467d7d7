/** Tensors, contexts and autograd, optimizer: what model and training code imports (see docs/autograd.md). */
export { type Block, BlockLayout } from './block-layout';
export { Context, type ContextOptions } from './context';
export { type LrSchedule, type LrScheduleSpec, lrSchedule } from './lr-schedule';
export { Adam, type AdamOptions } from './optim';
export { SegmentIndex } from './segment-index';
export { type DType, Tensor, type TensorOptions } from './tensor';
