// out[M, N] = op(A) · op(B) (+ bias[N]), op = optional transpose, tiled through workgroup memory.
// A is stored M×K (K×M when trans_a), B is K×N (N×K when trans_b), so the backward products
// gy·Wᵀ and xᵀ·gy need no transposed copies. One TILE×TILE output tile per workgroup, one output
// per invocation; each output sums k in a fixed order (deterministic). Tiles are numbered
// linearly so large M spills into the grid's y dimension. Float64 twin: src/ops/matmul.ts.
struct Params {
  m: u32,
  n: u32,
  k: u32,
  trans_a: u32,
  trans_b: u32,
  has_bias: u32,
  tiles_n: u32,
  num_tiles: u32,
}

override WG: u32 = 256;
override TILE: u32 = 16;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
// Bound to `a` when there is no bias (a binding must always be present).
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;

var<workgroup> tile_a: array<f32, WG>;
var<workgroup> tile_b: array<f32, WG>;

fn load_a(i: u32, k: u32) -> f32 {
  if (i >= params.m || k >= params.k) {
    return 0.0;
  }
  return select(a[i * params.k + k], a[k * params.m + i], params.trans_a != 0u);
}

fn load_b(k: u32, j: u32) -> f32 {
  if (k >= params.k || j >= params.n) {
    return 0.0;
  }
  return select(b[k * params.n + j], b[j * params.k + k], params.trans_b != 0u);
}

@compute @workgroup_size(WG)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
) {
  let t = wid.x + wid.y * nwg.x;
  if (t >= params.num_tiles) {
    return;
  }
  let ty = lid / TILE;
  let tx = lid % TILE;
  let row = (t / params.tiles_n) * TILE + ty;
  let col = (t % params.tiles_n) * TILE + tx;
  var acc = 0.0;
  for (var k0 = 0u; k0 < params.k; k0 += TILE) {
    tile_a[lid] = load_a(row, k0 + tx);
    tile_b[lid] = load_b(k0 + ty, col);
    workgroupBarrier();
    for (var kk = 0u; kk < TILE; kk++) {
      acc = fma(tile_a[ty * TILE + kk], tile_b[kk * TILE + tx], acc);
    }
    workgroupBarrier();
  }
  if (row < params.m && col < params.n) {
    if (params.has_bias != 0u) {
      acc += bias[col];
    }
    out[row * params.n + col] = acc;
  }
}
