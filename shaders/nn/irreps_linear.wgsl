// e3nn Linear, block-sparse: each output column sums its terms, each term a dot product along
// one multiplicity index,
//   out[r, j] = Σ_terms pw · Σ_{k < count} θ[w_base + k·w_stride] · src[r, src_base + k·src_stride]
//               (+ θ[bias[j]] when has_bias and bias[j] != NONE).
// The same shader computes the forward (src = x; one term per path into j, k = u) and the input
// gradient (src = gradOut; one term per path out of j, k = w) from different tables. One
// invocation per output element, a fixed summation order, no workgroup memory or barriers (they
// cost a fiber switch per invocation on software adapters). Twin: src/reference/irreps-linear.ts.
struct Params {
  rows: u32,
  cols: u32,
  src_cols: u32,
  has_bias: u32,
}

override WG: u32 = 64;
const NONE: u32 = 0xffffffffu;

@group(0) @binding(0) var<uniform> params: Params;
// 6 words per term: src_base, src_stride, count, w_base, w_stride, bitcast<u32>(pw).
@group(0) @binding(1) var<storage, read> terms: array<u32>;
// cols + 1 entries: column j owns terms col_start[j] .. col_start[j + 1].
@group(0) @binding(2) var<storage, read> col_start: array<u32>;
@group(0) @binding(3) var<storage, read> bias: array<u32>;
@group(0) @binding(4) var<storage, read> src: array<f32>;
@group(0) @binding(5) var<storage, read> theta: array<f32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.rows * params.cols) {
    return;
  }
  let r = i / params.cols;
  let j = i % params.cols;
  let row = r * params.src_cols;
  var acc = 0.0;
  for (var t = col_start[j]; t < col_start[j + 1u]; t++) {
    let base = 6u * t;
    let src_base = row + terms[base];
    let src_stride = terms[base + 1u];
    let w_base = terms[base + 3u];
    let w_stride = terms[base + 4u];
    var s = 0.0;
    for (var k = 0u; k < terms[base + 2u]; k++) {
      s = fma(theta[w_base + k * w_stride], src[src_base + k * src_stride], s);
    }
    acc = fma(bitcast<f32>(terms[base + 5u]), s, acc);
  }
  if (params.has_bias != 0u && bias[j] != NONE) {
    acc += theta[bias[j]];
  }
  out[i] = acc;
}
