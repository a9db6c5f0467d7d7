import { describe, expect, it } from 'vitest';
import { generateShBackward, generateShForward, SH_LMAX_MAX } from '../../shaders/sh/generate-sh';
import committedBackward from '../../shaders/sh/sh_backward.wgsl?raw';
import committedForward from '../../shaders/sh/sh_forward.wgsl?raw';
import { SH_GPU_LMAX } from './sh';

describe('generated SH shaders', () => {
  it('committed WGSL equals the generator output byte for byte (run `npm run gen:sh`)', () => {
    expect(committedForward).toBe(generateShForward());
    expect(committedBackward).toBe(generateShBackward());
  });

  it('the wrapper and the generator agree on the highest degree', () => {
    expect(SH_GPU_LMAX).toBe(SH_LMAX_MAX);
  });

  it('gates each degree on the overridable lmax and keeps the runtime conventions', () => {
    for (const code of [committedForward, committedBackward]) {
      expect(code).toContain('override WG: u32 = 64;');
      expect(code).toContain('@compute @workgroup_size(WG)');
      expect(code).toContain('let i = gid.x + gid.y * (nwg.x * WG);');
      for (let l = 1; l <= SH_LMAX_MAX; l++) expect(code).toContain(`if (lmax >= ${l}u) {`);
    }
  });
});
