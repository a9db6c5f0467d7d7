// Softmax cross-entropy of every row of logits [rows, classes] with an integer label:
//   loss[r] = log Σ_c exp(z[r, c]) − z[r, label[r]]
// computed with the row maximum subtracted, so large logits do not overflow. The mean over rows
// is taken afterwards by reduce.wgsl. Twin: src/ops/cross-entropy.ts.
struct Params {
  rows: u32,
  classes: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read_write> loss: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let r = gid.x + gid.y * (nwg.x * WG);
  if (r >= params.rows) {
    return;
  }
  let base = r * params.classes;
  var top = logits[base];
  for (var c = 1u; c < params.classes; c++) {
    top = max(top, logits[base + c]);
  }
  var total = 0.0;
  for (var c = 0u; c < params.classes; c++) {
    total += exp(logits[base + c] - top);
  }
  loss[r] = log(total) + top - logits[base + labels[r]];
}
