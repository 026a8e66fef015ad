import { create } from 'zustand';

export const SECTIONS = [
  { id: 'library', label: 'Library' },
  { id: 'review', label: 'Review' },
  { id: 'video', label: 'Video' },
  { id: 'export', label: 'Export' },
  { id: 'settings', label: 'Settings' },
] as const;
export type Section = (typeof SECTIONS)[number]['id'];

interface NavState {
  section: Section;
  go(section: Section): void;
}

export const useNavStore = create<NavState>((set) => ({
  section: 'library',
  go: (section) => set({ section }),
}));
