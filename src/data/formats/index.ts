/** Validating structure and point-cloud parsers and writers (see docs/formats.md). */
export { parseCsv, writeCsv } from './csv';
export { detectFormat, PARSERS, type Parser, parseStructureFile, SUPPORTED_EXTENSIONS } from './detect';
export {
  atomicNumber,
  canonicalSymbol,
  covalentRadius,
  ELEMENTS,
  type ElementInfo,
  elementByNumber,
  elementBySymbol,
  elementColor,
  elementColorHex,
} from './elements';
export { ParseError, type ParseErrorDetails } from './parse-error';
export { parsePdb } from './pdb';
export { writePdb } from './pdb-write';
export { parsePly } from './ply';
export { type PlyBinaryOptions, writePlyAscii, writePlyBinary } from './ply-write';
export { parsePoints, writePoints } from './points';
export { parseSdf } from './sdf';
export { type SdfWriteOptions, writeSdf } from './sdf-write';
export type { Input } from './text-input';
export {
  type Atom,
  atomCount,
  DEFAULT_PARSE_LIMITS,
  type FormatId,
  type Frame,
  frameAtoms,
  frameFromAtoms,
  type InfoValue,
  type ParseLimits,
  resolveLimits,
  type StructureFile,
  type StructureKind,
} from './types';
export { type WriteOptions, writeStructureFile } from './write';
export { parseXyz } from './xyz';
export { writeXyz } from './xyz-write';
