// Generates shaders/sh/sh_forward.wgsl and sh_backward.wgsl: straight-line real spherical
// harmonics up to SH_LMAX_MAX, gated by `override lmax`. Run `npm run gen:sh` after editing; the
// test src/kernels/sh-generated.test.ts fails while the committed files differ from this output.
//
// The recursion and every coefficient come from src/o3/sh-coefficients.ts (float64, printed as f32
// literals), the same ones the float64 twin src/o3/spherical-harmonics.ts runs.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  gradientCoefficients,
  INV_SQRT_4PI,
  normFactor,
  recursionCoefficients,
  sectoralConstant,
  subSectoralFactor,
} from '../../src/o3/sh-coefficients';
import { f32Literal } from './wgsl-literal';

/** Highest degree the generated kernels contain; the pipeline's `lmax` may be anything up to it. */
export const SH_LMAX_MAX = 12;

/** A q̂_l^m as WGSL: a literal when it is a constant (m = l), else the name of its `let`. */
type QTerm = { constant: number } | { name: string };

const qName = (l: number, m: number) => `q${l}_${m}`;

function qTerm(l: number, m: number): QTerm {
  return m === l ? { constant: sectoralConstant(l) } : { name: qName(l, m) };
}

/** `coefficient · q` with constants folded in float64. */
function times(coefficient: number, q: QTerm): string {
  return 'constant' in q ? f32Literal(coefficient * q.constant) : `${f32Literal(coefficient)} * ${q.name}`;
}

/** c_m, s_m with c_0 = 1, s_0 = 0 folded away; null for a zero s_0. */
const cosName = (m: number) => (m === 0 ? null : m === 1 ? 'X' : `c${m}`);
const sinName = (m: number) => (m === 0 ? null : m === 1 ? 'Y' : `s${m}`);

/** The `let`s of degree l: q̂_l^m for m < l (m = l is a literal), then c_l, s_l. */
function degreeLets(l: number): string[] {
  const lines: string[] = [];
  if (l >= 1) {
    const subSectoral = subSectoralFactor(l) * sectoralConstant(l - 1);
    lines.push(`let ${qName(l, l - 1)} = ${times(subSectoral, { name: 'Z' })};`);
  }
  for (let m = 0; m <= l - 2; m++) {
    const { a, b } = recursionCoefficients(l, m);
    const down1 = times(a, qTerm(l - 1, m));
    const down2 = times(b, qTerm(l - 2, m));
    lines.push(`let ${qName(l, m)} = Z * ${wrap(down1)} - rho * ${wrap(down2)};`);
  }
  if (l >= 2) {
    const [c, s] = [cosName(l - 1), sinName(l - 1)];
    lines.push(`let c${l} = X * ${c} - Y * ${s};`, `let s${l} = X * ${s} + Y * ${c};`);
  }
  return lines;
}

/** Block-l output scale: 1 (component), 1/√(2l+1) (norm) or 1/√(4π) (integral). */
function scaleLet(l: number): string {
  return `let f${l} = select(f_integral, ${f32Literal(normFactor(l))}, params.normalization == 1u);`;
}

function forwardDegree(l: number): string[] {
  const lines = [...degreeLets(l), scaleLet(l)];
  const at = (m: number) => `out[row + ${l * l + l + m}u]`;
  lines.push(`${at(0)} = f${l} * ${qName(l, 0)};`);
  for (let m = 1; m <= l; m++) {
    const scaledQ = m === l ? `${f32Literal(sectoralConstant(l))} * f${l}` : `f${l} * ${qName(l, m)}`;
    lines.push(`let y${l}_${m} = ${scaledQ};`);
    lines.push(`${at(m)} = y${l}_${m} * ${cosName(m)};`, `${at(-m)} = y${l}_${m} * ${sinName(m)};`);
  }
  return lines;
}

function backwardDegree(l: number): string[] {
  const lines = [...degreeLets(l), scaleLet(l)];
  const g = (m: number) => `grad_out[row + ${l * l + l + m}u]`;
  for (let m = 0; m <= l; m++) {
    const [wc, ws] = [`wc${l}_${m}`, `ws${l}_${m}`];
    const angular = m === 0 ? wc : `a${l}_${m}`;
    lines.push(`let ${wc} = f${l} * ${g(m)};`);
    if (m >= 1) lines.push(`let ${ws} = f${l} * ${g(-m)};`);
    // The ρ- and Z-dependence of q̂_l^m, weighted by the angular factor (absent for m = l).
    if (m <= l - 1) {
      if (m >= 1) lines.push(`let ${angular} = ${wc} * ${cosName(m)} + ${ws} * ${sinName(m)};`);
      const { radial, polar } = gradientCoefficients(l, m);
      if (m <= l - 2) lines.push(`radial += ${angular} * ${wrap(times(radial, qTerm(l - 1, m + 1)))};`);
      lines.push(`gZ += ${angular} * ${wrap(times(polar, qTerm(l - 1, m)))};`);
    }
    if (m >= 1) {
      // ∂_X (c_m, s_m) = m (c_{m−1}, s_{m−1});  ∂_Y (c_m, s_m) = m (−s_{m−1}, c_{m−1}).
      const q = qTerm(l, m);
      const mq = m === 1 && 'name' in q ? q.name : wrap(times(m, q));
      const [c, s] = [cosName(m - 1), sinName(m - 1)];
      lines.push(`gX += ${mq} * ${c && s ? `(${wc} * ${c} + ${ws} * ${s})` : wc};`);
      lines.push(`gY += ${mq} * ${c && s ? `(${ws} * ${c} - ${wc} * ${s})` : ws};`);
    }
  }
  return lines;
}

const wrap = (expression: string) => (expression.includes(' ') ? `(${expression})` : expression);

/** Degrees 1..SH_LMAX_MAX as nested `if (lmax >= lu)` blocks, so each degree sees the lets before it. */
function nestDegrees(emit: (l: number) => string[], indent: string): string[] {
  const lines: string[] = [];
  const closers: string[] = [];
  for (let l = 1; l <= SH_LMAX_MAX; l++) {
    const pad = indent + '  '.repeat(l - 1);
    lines.push(`${pad}if (lmax >= ${l}u) {`);
    lines.push(...emit(l).map((line) => `${pad}  ${line}`));
    closers.unshift(`${pad}}`);
  }
  return [...lines, ...closers];
}

function header(kind: 'forward' | 'backward', bindings: string[]): string[] {
  const what =
    kind === 'forward'
      ? 'Y(vectors): out row i = Y^0..Y^lmax of vector i (stride (lmax+1)²).'
      : 'grad_vectors = ∂(Σ grad_out · Y(vectors)) / ∂vectors.';
  return [
    '// GENERATED by shaders/sh/generate-sh.ts (npm run gen:sh). Do not edit by hand.',
    `// Real spherical harmonics, e3nn conventions, ${kind}: ${what}`,
    `// Degrees 0..${SH_LMAX_MAX} are in the code; the pipeline bakes \`lmax\` and the compiler drops the rest.`,
    '// Textbook axes (X, Y, Z) = (z, x, y); q̂_l^m are normalised Legendre polynomials in Z and',
    '// rho = |p|², c_m + i s_m = (X + iY)^m (see docs/conventions.md § Spherical harmonics).',
    '',
    'struct Params {',
    '  n: u32,',
    '  normalize: u32, // 1: divide by max(|x|, 1e-12) first, like e3nn',
    '  normalization: u32, // 0 component, 1 norm, 2 integral',
    '  pad: u32,',
    '}',
    '',
    'override WG: u32 = 64;',
    'override lmax: u32;',
    '',
    '@group(0) @binding(0) var<uniform> params: Params;',
    '@group(0) @binding(1) var<storage, read> vectors: array<f32>;',
    ...bindings,
    '',
    '@compute @workgroup_size(WG)',
    'fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {',
    '  let i = gid.x + gid.y * (nwg.x * WG);',
    '  if (i >= params.n) {',
    '    return;',
    '  }',
    '  let v = vec3<f32>(vectors[3u * i], vectors[3u * i + 1u], vectors[3u * i + 2u]);',
    '  let len = length(v);',
    '  let p = select(v, v / max(len, 1e-12), params.normalize != 0u);',
    '  let X = p.z;',
    '  let Y = p.x;',
    '  let Z = p.y;',
    '  let rho = dot(p, p);',
    '  let row = i * (lmax + 1u) * (lmax + 1u);',
    `  let f_integral = select(1.0, ${f32Literal(INV_SQRT_4PI)}, params.normalization == 2u);`,
  ];
}

export function generateShForward(): string {
  const lines = [
    ...header('forward', ['@group(0) @binding(2) var<storage, read_write> out: array<f32>;']),
    '  out[row] = f_integral;',
    ...nestDegrees(forwardDegree, '  '),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

export function generateShBackward(): string {
  const lines = [
    ...header('backward', [
      '@group(0) @binding(2) var<storage, read> grad_out: array<f32>;',
      '@group(0) @binding(3) var<storage, read_write> grad_vectors: array<f32>;',
    ]),
    '  // ∇ = (gX − X·radial, gY − Y·radial, gZ) in textbook axes; radial collects the ρ-dependence.',
    '  var gX = 0.0;',
    '  var gY = 0.0;',
    '  var gZ = 0.0;',
    '  var radial = 0.0;',
    ...nestDegrees(backwardDegree, '  '),
    '  // Back to e3nn axes (x, y, z) = (Y, Z, X), then through p = x / max(|x|, 1e-12).',
    '  let gp = vec3<f32>(gY - Y * radial, gZ, gX - X * radial);',
    '  var g = gp;',
    '  if (params.normalize != 0u) {',
    '    g = select(gp / 1e-12, (gp - dot(gp, p) * p) / len, len > 1e-12);',
    '  }',
    '  grad_vectors[3u * i] = g.x;',
    '  grad_vectors[3u * i + 1u] = g.y;',
    '  grad_vectors[3u * i + 2u] = g.z;',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

// vite-node hides the script path from process.argv, so "run as a script" is told apart from
// "imported by the vitest check" by vitest's own marker. Nothing else imports this Node-only module.
if (!process.env.VITEST) {
  const dir = dirname(fileURLToPath(import.meta.url));
  writeFileSync(join(dir, 'sh_forward.wgsl'), generateShForward());
  writeFileSync(join(dir, 'sh_backward.wgsl'), generateShBackward());
  console.log(`wrote sh_forward.wgsl and sh_backward.wgsl (lmax ≤ ${SH_LMAX_MAX}) in ${dir}`);
}
