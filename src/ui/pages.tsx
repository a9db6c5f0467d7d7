import type { ComponentType } from 'react';
import { BenchmarksPage } from './pages/BenchmarksPage';
import { ExpressivityPage } from './pages/ExpressivityPage';
import { SphericalHarmonicsPage } from './pages/SphericalHarmonicsPage';
import { StructuresPage } from './pages/StructuresPage';
import { TrainPage } from './pages/TrainPage';

/** The app's pages, in nav order. A new page is one entry here; its id is its URL hash (#/id). */
export interface PageEntry {
  id: string;
  title: string;
  Component: ComponentType;
}

export const PAGES: readonly PageEntry[] = [
  { id: 'spherical-harmonics', title: 'Spherical harmonics', Component: SphericalHarmonicsPage },
  { id: 'structures', title: 'Structures', Component: StructuresPage },
  { id: 'expressivity', title: 'Expressivity', Component: ExpressivityPage },
  { id: 'train', title: 'Train', Component: TrainPage },
  { id: 'benchmarks', title: 'Benchmarks', Component: BenchmarksPage },
];
