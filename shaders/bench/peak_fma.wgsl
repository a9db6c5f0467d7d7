// Peak FMA throughput probe: each invocation runs `params.iterations` rounds of 8 independent
// vec4 FMA chains (32 FMAs = 64 FLOPs per round), enough independent work to hide latency.
// x ← x·a + b with |a| < 1 converges to b / (1 − a), so the result is checkable and never overflows.
struct Params {
  n: u32,
  iterations: u32,
  a: f32,
  b: f32,
}

override WG: u32 = 256;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  let a = vec4<f32>(params.a);
  let b = vec4<f32>(params.b);
  let s = f32(i % 7u) * 0.125;
  var x0 = vec4<f32>(s, s + 0.1, s + 0.2, s + 0.3);
  var x1 = x0 + 0.01;
  var x2 = x0 + 0.02;
  var x3 = x0 + 0.03;
  var x4 = x0 + 0.04;
  var x5 = x0 + 0.05;
  var x6 = x0 + 0.06;
  var x7 = x0 + 0.07;
  for (var k = 0u; k < params.iterations; k++) {
    x0 = fma(x0, a, b);
    x1 = fma(x1, a, b);
    x2 = fma(x2, a, b);
    x3 = fma(x3, a, b);
    x4 = fma(x4, a, b);
    x5 = fma(x5, a, b);
    x6 = fma(x6, a, b);
    x7 = fma(x7, a, b);
  }
  let total = (x0 + x1) + (x2 + x3) + (x4 + x5) + (x6 + x7);
  out[i] = (total.x + total.y + total.z + total.w) / 32.0;
}
