/**
 * Packs a kernel's uniform struct from 4-byte words: plain numbers are u32, `f32(x)` marks a
 * float, `vec4(…)` four u32. The result is padded to 16 bytes, as WGSL sizes uniform structs.
 * Field order must match the WGSL struct; every field in these kernels is 4 bytes or a
 * 16-byte-aligned vec4 placed first, so no implicit padding appears between fields.
 */
export interface F32Word {
  readonly f32: number;
}

export type Word = number | F32Word;

export const f32 = (value: number): F32Word => ({ f32: value });

export function packUniform(words: readonly (Word | readonly number[])[]): ArrayBuffer {
  const flat: Word[] = words.flatMap((w) => (Array.isArray(w) ? (w as number[]) : [w as Word]));
  const bytes = new ArrayBuffer(Math.max(16, Math.ceil((flat.length * 4) / 16) * 16));
  const u32 = new Uint32Array(bytes);
  const f = new Float32Array(bytes);
  flat.forEach((w, i) => {
    if (typeof w === 'number') {
      if (!Number.isInteger(w) || w < 0 || w > 0xffffffff)
        throw new RangeError(`uniform word ${i} = ${w} is not a u32`);
      u32[i] = w;
    } else f[i] = w.f32;
  });
  return bytes;
}
