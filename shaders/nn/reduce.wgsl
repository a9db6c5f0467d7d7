// Deterministic sum over some axes of a 4-d (padded) tensor, one workgroup per output element:
//   out[j] = scale · Σ_k f(x[base(j) + offset(k)]),  f(v) = v, or v² when `square` is set.
// Output coordinates run over `out_shape` (1 along reduced axes), reduced coordinates over
// `red_shape` (1 along kept axes); both map to x through x's strides. Each invocation sums a
// fixed strided subset, then a fixed tree combines them: same inputs, same bits, every run.
struct Params {
  out_shape: vec4<u32>,
  red_shape: vec4<u32>,
  strides: vec4<u32>,
  num_out: u32,
  num_red: u32,
  scale: f32,
  square: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

var<workgroup> partial: array<f32, WG>;

fn coordinates(i: u32, shape: vec4<u32>) -> vec4<u32> {
  var r = i;
  let c3 = r % shape.w;
  r = r / shape.w;
  let c2 = r % shape.z;
  r = r / shape.z;
  let c1 = r % shape.y;
  return vec4<u32>(r / shape.y, c1, c2, c3);
}

@compute @workgroup_size(WG)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
) {
  // Uniform per workgroup, so the early return keeps the barriers below in uniform control flow.
  let j = wid.x + wid.y * nwg.x;
  if (j >= params.num_out) {
    return;
  }
  let base = dot(coordinates(j, params.out_shape), params.strides);
  var acc = 0.0;
  for (var k = lid; k < params.num_red; k += WG) {
    let v = x[base + dot(coordinates(k, params.red_shape), params.strides)];
    acc += select(v, v * v, params.square != 0u);
  }
  partial[lid] = acc;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s / 2u) {
    if (lid < s) {
      partial[lid] += partial[lid + s];
    }
    workgroupBarrier();
  }
  if (lid == 0u) {
    out[j] = params.scale * partial[0];
  }
}
