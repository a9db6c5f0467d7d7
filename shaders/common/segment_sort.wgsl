// Sorts each CSR segment values[offsets[s] .. offsets[s+1]) ascending, one invocation per
// segment: insertion sort on blocks of RUN elements, then bottom-up merges of block pairs
// (merge into scratch, copy back), log2(len / RUN) rounds. Neighbour lists (tens of entries)
// need only the insertion sort, which SwiftShader runs ~5× faster than merging; long lists
// (dense clusters) stay O(len · (RUN + log len)). On return scratch[k] = s for every k of
// segment s: the CSR's row ids (e.g. the receivers of a neighbour list). Deterministic: no
// atomics, a fixed order of operations. Twin: sortSegments in src/reference/group-by-key.ts.
struct Params {
  segments: u32,
}

override WG: u32 = 64;
override RUN: u32 = 32;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> offsets: array<u32>;
@group(0) @binding(2) var<storage, read_write> values: array<u32>;
@group(0) @binding(3) var<storage, read_write> scratch: array<u32>;

fn insertion_sort(a: u32, b: u32) {
  for (var k = a + 1u; k < b; k++) {
    let v = values[k];
    var j = k;
    while (j > a) {
      let u = values[j - 1u];
      if (u <= v) {
        break;
      }
      values[j] = u;
      j--;
    }
    values[j] = v;
  }
}

/** Merges sorted values[a, m) and values[m, b) into scratch[a, b), stably. */
fn merge_into_scratch(a: u32, m: u32, b: u32) {
  var i = a;
  var j = m;
  for (var out = a; out < b; out++) {
    var take_left = j >= b;
    if (i < m && j < b) {
      take_left = values[i] <= values[j];
    }
    if (take_left) {
      scratch[out] = values[i];
      i++;
    } else {
      scratch[out] = values[j];
      j++;
    }
  }
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let s = gid.x + gid.y * (nwg.x * WG);
  if (s >= params.segments) {
    return;
  }
  let lo = offsets[s];
  let hi = offsets[s + 1u];
  for (var a = lo; a < hi; a += RUN) {
    insertion_sort(a, min(a + RUN, hi));
  }
  for (var width = RUN; width < hi - lo; width *= 2u) {
    for (var a = lo; a + width < hi; a += 2u * width) {
      let b = min(a + 2u * width, hi);
      merge_into_scratch(a, a + width, b);
      for (var k = a; k < b; k++) {
        values[k] = scratch[k];
      }
    }
  }
  for (var k = lo; k < hi; k++) {
    scratch[k] = s;
  }
}
