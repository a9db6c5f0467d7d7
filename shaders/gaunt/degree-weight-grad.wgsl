// Gradient of the Gaunt degree weights: grad[w] = Σ x · g over every element that weight w scales,
// across the batch. One workgroup per weight: a weight's elements are one contiguous run per sample
// (per-channel weight (l, c): 2l + 1 floats at C·l² + c·(2l + 1); shared weight l: C·(2l + 1)
// floats at C·l²). Each invocation sums a fixed strided subset, then a tree reduction in workgroup
// memory — a fixed order, so results do not depend on timing (no float atomics in WGSL).

struct Params {
  weights: u32,      // number of weights: (L + 1) or (L + 1) · C
  channels: u32,
  dim: u32,          // floats per sample
  batch: u32,
  per_channel: u32,
}

override WG: u32 = 64; // a power of two

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> g: array<f32>;
@group(0) @binding(3) var<storage, read_write> grad: array<f32>;

var<workgroup> partial: array<f32, WG>;

@compute @workgroup_size(WG)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
) {
  let w = wid.x + wid.y * nwg.x;
  let C = params.channels;
  var start: u32;
  var run: u32;
  if (params.per_channel == 1u) {
    let l = w / C;
    start = C * l * l + (w % C) * (2u * l + 1u);
    run = 2u * l + 1u;
  } else {
    start = C * w * w;
    run = C * (2u * w + 1u);
  }
  var sum = 0.0;
  if (w < params.weights) {
    for (var j = lid; j < params.batch * run; j += WG) {
      let e = (j / run) * params.dim + start + j % run;
      sum = fma(x[e], g[e], sum);
    }
  }
  partial[lid] = sum;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride /= 2u) {
    if (lid < stride) {
      partial[lid] += partial[lid + stride];
    }
    workgroupBarrier();
  }
  if (lid == 0u && w < params.weights) {
    grad[w] = partial[0];
  }
}
