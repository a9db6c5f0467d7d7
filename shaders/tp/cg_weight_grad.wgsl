// Gradient of the Clebsch–Gordan tensor product with respect to its weights
// (docs/kernels/cg-tensor-product.md). Invocation i = c · numGroups + q owns the weights of group
// q (≤ GROUP consecutive weights of one path that share their x1 and x2 rows) over the samples of
// chunk c:  partial[c · numel + e] = pathWeight · Σ_{z ∈ chunk} Σ_k ∂out[z, rowO(e), k] · S_k,
// S_k = Σ_{CG k} C · x1[z, u, i] · x2[z, rowX2, j], computed once per k for the whole group.
// Per-sample weights use chunks of one sample (partial is then the gradient itself); shared
// weights sum chunks of samples here and the chunks in a fixed order afterwards: no atomics.

struct Params {
  batch: u32,
  numel: u32,
  chunk: u32, // samples per chunk
  total: u32, // chunks × numGroups invocations
  dim1: u32,
  dim2: u32,
  dimO: u32,
  numGroups: u32,
  groupsStart: u32, // table[groupsStart + 3q ..]: path, first weight, count of group q
}

struct CgEntry {
  ab: u32, // i | j << 16
  c: f32,
}

// Per weighted path (PATH_STRIDE words): offset1, width1, offset2, width2, offsetO, widthO,
// ranges, shape1, shape2, selX2, selO, weightOffset, pathWeight (f32 bits). A local weight index
// splits as (idx0, idx1, idx2) over the weight shape; x1's row is idx0 (u), x2's is idx[selX2],
// ∂out's idx[selO]. Within a group, weight j uses ∂out row rowO + j.
const PATH_STRIDE: u32 = 16u;
const GROUP: u32 = 8u;
override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> table: array<u32>;
@group(0) @binding(2) var<storage, read> cg: array<CgEntry>;
@group(0) @binding(3) var<storage, read> x1: array<f32>;
@group(0) @binding(4) var<storage, read> x2: array<f32>;
@group(0) @binding(5) var<storage, read> gradOut: array<f32>;
@group(0) @binding(6) var<storage, read_write> partial: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * (nwg.x * WG);
  if (i >= params.total) {
    return;
  }
  let c = i / params.numGroups;
  let q = params.groupsStart + 3u * (i % params.numGroups);
  let s = table[q] * PATH_STRIDE;
  let e0 = table[q + 1u];
  let count = table[q + 2u];
  let width1 = table[s + 1u];
  let width2 = table[s + 3u];
  let widthO = table[s + 5u];
  let ranges = table[s + 6u];
  let shape1 = table[s + 7u];
  let shape2 = table[s + 8u];
  let local = e0 - table[s + 11u];
  let idx = vec3<u32>(local / (shape1 * shape2), (local / shape2) % shape1, local % shape2);
  let row1 = table[s] + idx.x * width1;
  let row2 = table[s + 2u] + idx[table[s + 9u]] * width2;
  let rowO = table[s + 4u] + idx[table[s + 10u]] * widthO;

  var acc: array<f32, GROUP>;
  let first = c * params.chunk;
  let last = min(params.batch, first + params.chunk);
  for (var z = first; z < last; z++) {
    let base1 = z * params.dim1 + row1;
    let base2 = z * params.dim2 + row2;
    let baseO = z * params.dimO + rowO;
    for (var k = 0u; k < widthO; k++) {
      var sum = 0.0;
      let end = table[ranges + k + 1u];
      for (var n = table[ranges + k]; n < end; n++) {
        let entry = cg[n];
        sum = fma(entry.c * x1[base1 + (entry.ab & 0xffffu)], x2[base2 + (entry.ab >> 16u)], sum);
      }
      for (var j = 0u; j < count; j++) {
        acc[j] = fma(sum, gradOut[baseO + j * widthO + k], acc[j]);
      }
    }
  }
  let pathWeight = bitcast<f32>(table[s + 12u]);
  for (var j = 0u; j < count; j++) {
    partial[c * params.numel + e0 + j] = pathWeight * acc[j];
  }
}
