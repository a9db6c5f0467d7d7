// Segmented sum along the middle axis of x viewed as [outer, src_count, inner]:
//   out[o, s, c] = Σ_{k = offsets[s]}^{offsets[s+1]-1} x[o, order[k], c]
// `order` lists the source rows grouped by segment (identity when they are already sorted, e.g.
// edges sorted by receiver) and `offsets` bounds each group. One invocation per output element
// walks its segment in a fixed order: deterministic, no atomics. Twin: src/ops/segment-sum.ts.
struct Params {
  outer: u32,
  segments: u32,
  inner: u32,
  src_count: u32,
  n: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> order: array<u32>;
@group(0) @binding(3) var<storage, read> offsets: array<u32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.n) {
    return;
  }
  let c = i % params.inner;
  let s = (i / params.inner) % params.segments;
  let o = i / (params.inner * params.segments);
  let base = o * params.src_count;
  var acc = 0.0;
  for (var k = offsets[s]; k < offsets[s + 1u]; k++) {
    acc += x[(base + order[k]) * params.inner + c];
  }
  out[i] = acc;
}
