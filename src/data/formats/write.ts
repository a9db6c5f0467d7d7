/** Writing a StructureFile in any supported format (the inverse of `parseStructureFile`). */
import { writeCsv } from './csv';
import { writePdb } from './pdb-write';
import { writePlyAscii, writePlyBinary } from './ply-write';
import { writePoints } from './points';
import { writeSdf } from './sdf-write';
import type { FormatId, Frame, StructureFile } from './types';
import { writeXyz } from './xyz-write';

export interface WriteOptions {
  /** PLY: binary little-endian (default) or ASCII. */
  plyEncoding?: 'binary' | 'ascii';
  /** Binary PLY: 'double' (default, exact) or 'float'. */
  plyPrecision?: 'float' | 'double';
  /** SDF: force the connection-table version. */
  sdfVersion?: 'V2000' | 'V3000';
}

function single(frames: readonly Frame[], format: string): Frame {
  if (frames.length !== 1) throw new RangeError(`${format} holds one frame; got ${frames.length}`);
  return frames[0];
}

export function writeStructureFile(
  file: StructureFile,
  format: FormatId = file.format,
  options: WriteOptions = {},
): string | Uint8Array {
  switch (format) {
    case 'xyz':
      return writeXyz(file.frames);
    case 'sdf':
      return writeSdf(file.frames, options.sdfVersion ? { version: options.sdfVersion } : {});
    case 'pdb':
      return writePdb(file.frames);
    case 'ply':
      return options.plyEncoding === 'ascii'
        ? writePlyAscii(single(file.frames, 'ply'))
        : writePlyBinary(single(file.frames, 'ply'), { precision: options.plyPrecision ?? 'double' });
    case 'points':
      return writePoints(single(file.frames, 'points'));
    case 'csv':
      return writeCsv(single(file.frames, 'csv'));
  }
}
