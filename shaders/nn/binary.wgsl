// Elementwise binary map with NumPy broadcasting over up to 4 dimensions:
//   op 0: out = alpha·a + beta·b     op 1: out = alpha·a·b     op 2: out = alpha·a (b unused)
// The output index is split into 4 coordinates; each input is read through its own strides,
// which are 0 along the axes it is broadcast over. Float64 twin: src/ops/binary.ts.
struct Params {
  shape: vec4<u32>,
  stride_a: vec4<u32>,
  stride_b: vec4<u32>,
  n: u32,
  op: u32,
  alpha: f32,
  beta: f32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;

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
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  let c = coordinates(i, params.shape);
  let va = a[dot(c, params.stride_a)];
  switch params.op {
    case 0u: { out[i] = params.alpha * va + params.beta * b[dot(c, params.stride_b)]; }
    case 1u: { out[i] = params.alpha * va * b[dot(c, params.stride_b)]; }
    default: { out[i] = params.alpha * va; }
  }
}
