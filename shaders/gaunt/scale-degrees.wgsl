// Degree weights of the Gaunt product (Luo et al., ICLR 2024): y = w[l] · x, or w[l·C + c] · x with
// per-channel weights, over a batch of channelwise signals in the e3nn layout (block l holds
// C·(2l + 1) floats from C·l²). Used before the product on each input, after it on the output, and
// on the gradients in the backward (src/kernels/gaunt-weighted.ts). Out of place: WebGPU forbids
// binding one buffer as both read and read_write in a dispatch.

struct Params {
  total: u32,        // batch · dim
  channels: u32,
  dim: u32,          // floats per sample: C · (L + 1)²
  per_channel: u32,  // 1: weights are (L + 1) × C, index l·C + c; 0: one weight per degree
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> weights: array<f32>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.total) {
    return;
  }
  let e = i % params.dim;
  // C·l² ≤ e < C·(l + 1)²  ⟺  l = ⌊√⌊e / C⌋⌋.
  let l = u32(sqrt(f32(e / params.channels) + 0.5));
  let c = (e - params.channels * l * l) / (2u * l + 1u);
  let w = select(l, l * params.channels + c, params.per_channel == 1u);
  y[i] = weights[w] * x[i];
}
