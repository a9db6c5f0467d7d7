// Reverse-edge map of a symmetric graph with edges sorted by (receiver, sender):
//   reverse[e] = the id of the edge receiver_e → sender_e,
// found by binary search in the sender's own (sorted) neighbour list. For a radius graph this
// is also the sender index: the edges sent by s, ascending, are reverse[offsets[s] ..
// offsets[s+1]), so scatters to senders need no second sort (src/kernels/radius-graph.ts).
struct Params {
  edges: u32,
}

override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> senders: array<u32>;
@group(0) @binding(2) var<storage, read> receivers: array<u32>;
@group(0) @binding(3) var<storage, read> offsets: array<u32>;
@group(0) @binding(4) var<storage, read_write> reverse: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let e = gid.x + gid.y * (nwg.x * WG);
  if (e >= params.edges) {
    return;
  }
  let s = senders[e];
  let r = receivers[e];
  // First position in s's list holding a sender ≥ r; symmetry guarantees it holds r.
  var lo = offsets[s];
  var hi = offsets[s + 1u];
  while (lo < hi) {
    let mid = (lo + hi) / 2u;
    if (senders[mid] < r) {
      lo = mid + 1u;
    } else {
      hi = mid;
    }
  }
  reverse[e] = lo;
}
