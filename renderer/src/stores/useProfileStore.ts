import { create } from 'zustand';
import type { Profile, Role } from '../../../shared/contract';
import { api, errorMessage } from '../api/client';

const KEY = 'sightline.profileId';

interface ProfileState {
  profiles: Profile[];
  current: Profile | null;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  create(name: string, role: Role): Promise<boolean>;
  select(id: number): void;
  switchProfile(): void;
}

export const useProfileStore = create<ProfileState>((set, get) => ({
  profiles: [],
  current: null,
  loading: true,
  error: null,
  async load() {
    set({ loading: true, error: null });
    try {
      const profiles = await api.call('profiles.list', {});
      const remembered = Number(localStorage.getItem(KEY));
      const current = profiles.find((p) => p.id === remembered) ?? null;
      api.setActor(current?.id ?? null);
      set({ profiles, current, loading: false });
    } catch (e) {
      set({ loading: false, error: errorMessage(e) });
    }
  },
  async create(name, role) {
    set({ error: null });
    try {
      const p = await api.call('profiles.create', { name, role });
      set({ profiles: [...get().profiles, p].sort((a, b) => a.name.localeCompare(b.name)) });
      get().select(p.id);
      return true;
    } catch (e) {
      set({ error: errorMessage(e) });
      return false;
    }
  },
  select(id) {
    const current = get().profiles.find((p) => p.id === id) ?? null;
    if (current) localStorage.setItem(KEY, String(id));
    api.setActor(current?.id ?? null);
    set({ current });
  },
  switchProfile() {
    localStorage.removeItem(KEY);
    api.setActor(null);
    set({ current: null });
  },
}));
