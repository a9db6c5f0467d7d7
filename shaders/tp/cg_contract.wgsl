// Sparse Clebsch–Gordan contraction, one code for three jobs (docs/kernels/cg-tensor-product.md):
// the forward product (A = x1, B = x2, O = out) and the input gradients (A = x2, B = ∂out,
// O = ∂x1) and (A = x1, B = ∂out, O = ∂x2). Each term (one path) adds, for rows r of its O block,
//   O[r, io] += pathWeight · Σ_{a<nA, b<nB} W[(a,b,r)·wStride] · Σ_{CG io} C · A[(a,b,r)·aStride, ia] · B[(a,b,r)·bStride, ib]
// One workgroup per sample. Element g of a sample's O is only ever written by invocation
// g % WG (zeroing and every term), so paths accumulate deterministically without atomics.

struct Params {
  batch: u32,
  numTerms: u32,
  dimA: u32,
  dimB: u32,
  dimO: u32,
  weightStride: u32, // 0: shared weights; weight_numel: one weight vector per sample
}

struct CgEntry {
  ab: u32, // ia | ib << 16
  c: f32,
}

// One path in one direction, as packed by src/kernels/tensor-product-tables.ts.
struct Term {
  offsetO: u32, widthO: u32, mulO: u32, // output block: start, 2l+1, multiplicity (rows r)
  offsetA: u32, widthA: u32, offsetB: u32, widthB: u32,
  nA: u32, nB: u32, // the free indices (a, b) summed over
  aStride: vec3<u32>, // row of A = (a, b, r) · aStride
  bStride: vec3<u32>,
  weightOffset: u32, wStride: vec3<u32>, hasWeight: u32,
  pathWeight: f32,
  ranges: u32, // CG entries with output index io: cg[terms[ranges + io] .. terms[ranges + io + 1]]
  staged: u32, // rows of A and B do not depend on r: stage the (pair, io) sums once in `tile`
}

const TERM_STRIDE: u32 = 24u;
override WG: u32 = 64;
override TILE: u32 = 2048;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> terms: array<u32>;
@group(0) @binding(2) var<storage, read> cg: array<CgEntry>;
@group(0) @binding(3) var<storage, read> a: array<f32>;
@group(0) @binding(4) var<storage, read> b: array<f32>;
@group(0) @binding(5) var<storage, read> w: array<f32>;
@group(0) @binding(6) var<storage, read_write> o: array<f32>;

var<workgroup> tile: array<f32, TILE>;

fn loadTerm(t: u32) -> Term {
  let s = t * TERM_STRIDE;
  return Term(
    terms[s], terms[s + 1u], terms[s + 2u], terms[s + 3u], terms[s + 4u], terms[s + 5u], terms[s + 6u],
    terms[s + 7u], terms[s + 8u],
    vec3<u32>(terms[s + 9u], terms[s + 10u], terms[s + 11u]),
    vec3<u32>(terms[s + 12u], terms[s + 13u], terms[s + 14u]),
    terms[s + 15u],
    vec3<u32>(terms[s + 16u], terms[s + 17u], terms[s + 18u]),
    terms[s + 19u], bitcast<f32>(terms[s + 20u]), terms[s + 21u], terms[s + 22u],
  );
}

// Σ C · A[rowA + ia] · B[rowB + ib] over the CG entries of one output index.
fn cgSum(t: Term, io: u32, rowA: u32, rowB: u32) -> f32 {
  var s = 0.0;
  let last = terms[t.ranges + io + 1u];
  for (var n = terms[t.ranges + io]; n < last; n++) {
    let e = cg[n];
    s = fma(e.c * a[rowA + (e.ab & 0xffffu)], b[rowB + (e.ab >> 16u)], s);
  }
  return s;
}

fn weightAt(t: Term, base: u32, abr: vec3<u32>) -> f32 {
  if (t.hasWeight == 0u) {
    return 1.0;
  }
  return w[base + dot(abr, t.wStride)];
}

// The first element of a block at or after `start` that this invocation owns.
fn firstOwned(start: u32, lid: u32) -> u32 {
  return start + (lid + WG - start % WG) % WG;
}

fn directTerm(t: Term, z: u32, lid: u32) {
  let aBase = z * params.dimA + t.offsetA;
  let bBase = z * params.dimB + t.offsetB;
  let wBase = z * params.weightStride + t.weightOffset;
  let oBase = z * params.dimO;
  let end = t.offsetO + t.mulO * t.widthO;
  for (var g = firstOwned(t.offsetO, lid); g < end; g += WG) {
    let r = (g - t.offsetO) / t.widthO;
    let io = (g - t.offsetO) % t.widthO;
    var acc = 0.0;
    for (var pa = 0u; pa < t.nA; pa++) {
      for (var pb = 0u; pb < t.nB; pb++) {
        let abr = vec3<u32>(pa, pb, r);
        let s = cgSum(t, io, aBase + dot(abr, t.aStride) * t.widthA, bBase + dot(abr, t.bStride) * t.widthB);
        acc = fma(weightAt(t, wBase, abr), s, acc);
      }
    }
    o[oBase + g] = fma(t.pathWeight, acc, o[oBase + g]);
  }
}

// For uvw-like terms: the sums over CG are computed once per (a, b, io) into the tile (in chunks
// of pairs that fit), then every row r contracts them with its weights.
fn stagedTerm(t: Term, z: u32, lid: u32) {
  let aBase = z * params.dimA + t.offsetA;
  let bBase = z * params.dimB + t.offsetB;
  let wBase = z * params.weightStride + t.weightOffset;
  let oBase = z * params.dimO;
  let end = t.offsetO + t.mulO * t.widthO;
  let pairs = t.nA * t.nB;
  let perChunk = max(1u, TILE / t.widthO); // the tables guarantee TILE ≥ widthO; never loop forever
  for (var p0 = 0u; p0 < pairs; p0 += perChunk) {
    let count = min(perChunk, pairs - p0);
    for (var e = lid; e < count * t.widthO; e += WG) {
      let q = p0 + e / t.widthO;
      let abr = vec3<u32>(q / t.nB, q % t.nB, 0u);
      tile[e] = cgSum(t, e % t.widthO, aBase + dot(abr, t.aStride) * t.widthA, bBase + dot(abr, t.bStride) * t.widthB);
    }
    workgroupBarrier();
    for (var g = firstOwned(t.offsetO, lid); g < end; g += WG) {
      let r = (g - t.offsetO) / t.widthO;
      let io = (g - t.offsetO) % t.widthO;
      var pa = p0 / t.nB;
      var pb = p0 % t.nB;
      var acc = 0.0;
      for (var p = 0u; p < count; p++) {
        acc = fma(weightAt(t, wBase, vec3<u32>(pa, pb, r)), tile[p * t.widthO + io], acc);
        pb++;
        if (pb == t.nB) {
          pb = 0u;
          pa++;
        }
      }
      o[oBase + g] = fma(t.pathWeight, acc, o[oBase + g]);
    }
    workgroupBarrier();
  }
}

@compute @workgroup_size(WG)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
) {
  let z = wid.x + wid.y * nwg.x;
  if (z >= params.batch) {
    return;
  }
  for (var g = lid; g < params.dimO; g += WG) {
    o[z * params.dimO + g] = 0.0;
  }
  for (var t = 0u; t < params.numTerms; t++) {
    let term = loadTerm(t);
    if (term.staged != 0u) {
      stagedTerm(term, z, lid);
    } else {
      directTerm(term, z, lid);
    }
  }
}
