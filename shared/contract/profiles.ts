import { z } from 'zod';
import { defineCall } from './defineCall';
import { Empty, Id, IsoTime } from './common';

export const Role = z.enum(['pathologist', 'surgical-trainer', 'annotator', 'researcher']);
export type Role = z.infer<typeof Role>;

export const Profile = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  createdAt: IsoTime,
});
export type Profile = z.infer<typeof Profile>;

export const profileCalls = {
  'profiles.list': defineCall('profiles.list', 'All annotator profiles, by name.', Empty, z.array(Profile)),
  'profiles.create': defineCall(
    'profiles.create',
    'Create an annotator profile.',
    z.object({ name: z.string().trim().min(1, 'A name is needed.').max(80), role: Role }).strict(),
    Profile,
  ),
} as const;
