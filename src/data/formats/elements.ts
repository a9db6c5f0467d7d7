/**
 * The periodic table, Z = 1…118: symbols, names, covalent radii and Jmol colours. Parsers use it
 * to validate and canonicalise element symbols; the viewer uses radii (bond perception, sphere
 * sizes) and colours.
 *
 * Covalent radii (Å): B. Cordero et al., "Covalent radii revisited", Dalton Trans. 2008, 2832–2838,
 * which covers Z ≤ 96; heavier elements have none (null). Where Cordero lists several values we
 * use the ones tools such as ASE use: sp³ carbon (0.76), low-spin Mn, Fe and Co.
 * Colours: Jmol's CPK-derived scheme (jmol.sourceforge.net/jscolors), which stops at Mt (109);
 * Ds…Og get Jmol's colour for unknown atoms, deep pink.
 */

/** Jmol's colour for atoms it has no entry for. */
const UNKNOWN_COLOR = 0xff1493;

/** [symbol, name, Cordero covalent radius in Å or null, 0xRRGGBB colour], row Z − 1. */
const TABLE: readonly (readonly [string, string, number | null, number])[] = [
  ['H', 'Hydrogen', 0.31, 0xffffff],
  ['He', 'Helium', 0.28, 0xd9ffff],
  ['Li', 'Lithium', 1.28, 0xcc80ff],
  ['Be', 'Beryllium', 0.96, 0xc2ff00],
  ['B', 'Boron', 0.84, 0xffb5b5],
  ['C', 'Carbon', 0.76, 0x909090],
  ['N', 'Nitrogen', 0.71, 0x3050f8],
  ['O', 'Oxygen', 0.66, 0xff0d0d],
  ['F', 'Fluorine', 0.57, 0x90e050],
  ['Ne', 'Neon', 0.58, 0xb3e3f5],
  ['Na', 'Sodium', 1.66, 0xab5cf2],
  ['Mg', 'Magnesium', 1.41, 0x8aff00],
  ['Al', 'Aluminium', 1.21, 0xbfa6a6],
  ['Si', 'Silicon', 1.11, 0xf0c8a0],
  ['P', 'Phosphorus', 1.07, 0xff8000],
  ['S', 'Sulfur', 1.05, 0xffff30],
  ['Cl', 'Chlorine', 1.02, 0x1ff01f],
  ['Ar', 'Argon', 1.06, 0x80d1e3],
  ['K', 'Potassium', 2.03, 0x8f40d4],
  ['Ca', 'Calcium', 1.76, 0x3dff00],
  ['Sc', 'Scandium', 1.7, 0xe6e6e6],
  ['Ti', 'Titanium', 1.6, 0xbfc2c7],
  ['V', 'Vanadium', 1.53, 0xa6a6ab],
  ['Cr', 'Chromium', 1.39, 0x8a99c7],
  ['Mn', 'Manganese', 1.39, 0x9c7ac7],
  ['Fe', 'Iron', 1.32, 0xe06633],
  ['Co', 'Cobalt', 1.26, 0xf090a0],
  ['Ni', 'Nickel', 1.24, 0x50d050],
  ['Cu', 'Copper', 1.32, 0xc88033],
  ['Zn', 'Zinc', 1.22, 0x7d80b0],
  ['Ga', 'Gallium', 1.22, 0xc28f8f],
  ['Ge', 'Germanium', 1.2, 0x668f8f],
  ['As', 'Arsenic', 1.19, 0xbd80e3],
  ['Se', 'Selenium', 1.2, 0xffa100],
  ['Br', 'Bromine', 1.2, 0xa62929],
  ['Kr', 'Krypton', 1.16, 0x5cb8d1],
  ['Rb', 'Rubidium', 2.2, 0x702eb0],
  ['Sr', 'Strontium', 1.95, 0x00ff00],
  ['Y', 'Yttrium', 1.9, 0x94ffff],
  ['Zr', 'Zirconium', 1.75, 0x94e0e0],
  ['Nb', 'Niobium', 1.64, 0x73c2c9],
  ['Mo', 'Molybdenum', 1.54, 0x54b5b5],
  ['Tc', 'Technetium', 1.47, 0x3b9e9e],
  ['Ru', 'Ruthenium', 1.46, 0x248f8f],
  ['Rh', 'Rhodium', 1.42, 0x0a7d8c],
  ['Pd', 'Palladium', 1.39, 0x006985],
  ['Ag', 'Silver', 1.45, 0xc0c0c0],
  ['Cd', 'Cadmium', 1.44, 0xffd98f],
  ['In', 'Indium', 1.42, 0xa67573],
  ['Sn', 'Tin', 1.39, 0x668080],
  ['Sb', 'Antimony', 1.39, 0x9e63b5],
  ['Te', 'Tellurium', 1.38, 0xd47a00],
  ['I', 'Iodine', 1.39, 0x940094],
  ['Xe', 'Xenon', 1.4, 0x429eb0],
  ['Cs', 'Caesium', 2.44, 0x57178f],
  ['Ba', 'Barium', 2.15, 0x00c900],
  ['La', 'Lanthanum', 2.07, 0x70d4ff],
  ['Ce', 'Cerium', 2.04, 0xffffc7],
  ['Pr', 'Praseodymium', 2.03, 0xd9ffc7],
  ['Nd', 'Neodymium', 2.01, 0xc7ffc7],
  ['Pm', 'Promethium', 1.99, 0xa3ffc7],
  ['Sm', 'Samarium', 1.98, 0x8fffc7],
  ['Eu', 'Europium', 1.98, 0x61ffc7],
  ['Gd', 'Gadolinium', 1.96, 0x45ffc7],
  ['Tb', 'Terbium', 1.94, 0x30ffc7],
  ['Dy', 'Dysprosium', 1.92, 0x1fffc7],
  ['Ho', 'Holmium', 1.92, 0x00ff9c],
  ['Er', 'Erbium', 1.89, 0x00e675],
  ['Tm', 'Thulium', 1.9, 0x00d452],
  ['Yb', 'Ytterbium', 1.87, 0x00bf38],
  ['Lu', 'Lutetium', 1.87, 0x00ab24],
  ['Hf', 'Hafnium', 1.75, 0x4dc2ff],
  ['Ta', 'Tantalum', 1.7, 0x4da6ff],
  ['W', 'Tungsten', 1.62, 0x2194d6],
  ['Re', 'Rhenium', 1.51, 0x267dab],
  ['Os', 'Osmium', 1.44, 0x266696],
  ['Ir', 'Iridium', 1.41, 0x175487],
  ['Pt', 'Platinum', 1.36, 0xd0d0e0],
  ['Au', 'Gold', 1.36, 0xffd123],
  ['Hg', 'Mercury', 1.32, 0xb8b8d0],
  ['Tl', 'Thallium', 1.45, 0xa6544d],
  ['Pb', 'Lead', 1.46, 0x575961],
  ['Bi', 'Bismuth', 1.48, 0x9e4fb5],
  ['Po', 'Polonium', 1.4, 0xab5c00],
  ['At', 'Astatine', 1.5, 0x754f45],
  ['Rn', 'Radon', 1.5, 0x428296],
  ['Fr', 'Francium', 2.6, 0x420066],
  ['Ra', 'Radium', 2.21, 0x007d00],
  ['Ac', 'Actinium', 2.15, 0x70abfa],
  ['Th', 'Thorium', 2.06, 0x00baff],
  ['Pa', 'Protactinium', 2.0, 0x00a1ff],
  ['U', 'Uranium', 1.96, 0x008fff],
  ['Np', 'Neptunium', 1.9, 0x0080ff],
  ['Pu', 'Plutonium', 1.87, 0x006bff],
  ['Am', 'Americium', 1.8, 0x545cf2],
  ['Cm', 'Curium', 1.69, 0x785ce3],
  ['Bk', 'Berkelium', null, 0x8a4fe3],
  ['Cf', 'Californium', null, 0xa136d4],
  ['Es', 'Einsteinium', null, 0xb31fd4],
  ['Fm', 'Fermium', null, 0xb31fba],
  ['Md', 'Mendelevium', null, 0xb30da6],
  ['No', 'Nobelium', null, 0xbd0d87],
  ['Lr', 'Lawrencium', null, 0xc70066],
  ['Rf', 'Rutherfordium', null, 0xcc0059],
  ['Db', 'Dubnium', null, 0xd1004f],
  ['Sg', 'Seaborgium', null, 0xd90045],
  ['Bh', 'Bohrium', null, 0xe00038],
  ['Hs', 'Hassium', null, 0xe6002e],
  ['Mt', 'Meitnerium', null, 0xeb0026],
  ['Ds', 'Darmstadtium', null, UNKNOWN_COLOR],
  ['Rg', 'Roentgenium', null, UNKNOWN_COLOR],
  ['Cn', 'Copernicium', null, UNKNOWN_COLOR],
  ['Nh', 'Nihonium', null, UNKNOWN_COLOR],
  ['Fl', 'Flerovium', null, UNKNOWN_COLOR],
  ['Mc', 'Moscovium', null, UNKNOWN_COLOR],
  ['Lv', 'Livermorium', null, UNKNOWN_COLOR],
  ['Ts', 'Tennessine', null, UNKNOWN_COLOR],
  ['Og', 'Oganesson', null, UNKNOWN_COLOR],
];

export interface ElementInfo {
  /** Atomic number. */
  z: number;
  symbol: string;
  name: string;
  /** Cordero 2008 covalent radius in Å; null for Z > 96, which that table does not cover. */
  covalentRadius: number | null;
  /** Jmol colour as 0xRRGGBB. */
  color: number;
}

export const ELEMENTS: readonly ElementInfo[] = TABLE.map(([symbol, name, covalentRadius, color], i) => ({
  z: i + 1,
  symbol,
  name,
  covalentRadius,
  color,
}));

/** Lookup by upper-cased symbol, so that 'CL', 'cl' and 'Cl' all find chlorine. */
const BY_UPPER_SYMBOL = new Map(ELEMENTS.map((e) => [e.symbol.toUpperCase(), e]));

/** The element for a symbol in any letter case ('cl', 'CL', 'Cl'), or undefined. */
export function elementBySymbol(symbol: string): ElementInfo | undefined {
  return symbol.length > 0 && symbol.length <= 3 ? BY_UPPER_SYMBOL.get(symbol.toUpperCase()) : undefined;
}

/** The element with atomic number z (1…118), or undefined. */
export function elementByNumber(z: number): ElementInfo | undefined {
  return Number.isInteger(z) && z >= 1 && z <= ELEMENTS.length ? ELEMENTS[z - 1] : undefined;
}

/** The canonical symbol ('Cl') for a symbol in any case, or undefined if it is not an element. */
export function canonicalSymbol(symbol: string): string | undefined {
  return elementBySymbol(symbol)?.symbol;
}

export function atomicNumber(symbol: string): number | undefined {
  return elementBySymbol(symbol)?.z;
}

/** Cordero covalent radius in Å, or undefined for unknown symbols and for Z > 96. */
export function covalentRadius(symbol: string): number | undefined {
  return elementBySymbol(symbol)?.covalentRadius ?? undefined;
}

/** Jmol colour as 0xRRGGBB (deep pink for unknown symbols, as Jmol draws them). */
export function elementColor(symbol: string): number {
  return elementBySymbol(symbol)?.color ?? UNKNOWN_COLOR;
}

/** Jmol colour as '#rrggbb'. */
export function elementColorHex(symbol: string): string {
  return `#${elementColor(symbol).toString(16).padStart(6, '0')}`;
}
