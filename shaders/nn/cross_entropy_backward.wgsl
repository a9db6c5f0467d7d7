// Gradient of mean softmax cross-entropy: gz[r, c] = gy · (softmax(z[r])_c − [c = label[r]]) / rows,
// gy being the loss's one-element upstream gradient. One invocation per row (classes are few).
// Twin: src/ops/cross-entropy.ts.
struct Params {
  rows: u32,
  classes: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read> gy: array<f32>;
@group(0) @binding(4) var<storage, read_write> gz: array<f32>;

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
  let scale = gy[0] / f32(params.rows);
  let label = labels[r];
  for (var c = 0u; c < params.classes; c++) {
    let p = exp(logits[base + c] - top) / total;
    gz[base + c] = scale * (p - select(0.0, 1.0, c == label));
  }
}
