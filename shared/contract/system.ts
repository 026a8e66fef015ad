import { z } from 'zod';
import { defineCall } from './defineCall';
import { Empty, Ok } from './common';

export const DoctorCheck = z.object({
  name: z.string(),
  ok: z.boolean(),
  version: z.string().nullable(),
  detail: z.string(),
});
export type DoctorCheck = z.infer<typeof DoctorCheck>;

export const SystemInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  door: z.enum(['electron', 'browser', 'cli']),
  schemaVersion: z.number().int(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const AuditVerdict = z.object({
  ok: z.boolean(),
  rows: z.number().int().nonnegative(),
  firstBadRowId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerdict = z.infer<typeof AuditVerdict>;

export const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const systemCalls = {
  'system.info': defineCall('system.info', 'Version, data directory and which door the UI came through.', Empty, SystemInfo),
  'system.doctor': defineCall('system.doctor', 'What this machine has: Node, SQLite, ONNX Runtime, Chromium, Electron.', Empty, z.array(DoctorCheck)),
  'audit.verify': defineCall('audit.verify', 'Check the hash chain of the audit log.', Empty, AuditVerdict),
  'audit.recent': defineCall(
    'audit.recent',
    'The newest audit rows.',
    z.object({ limit: z.number().int().min(1).max(1000).default(50) }).strict(),
    z.array(AuditRow),
  ),
  'jobs.cancel': defineCall('jobs.cancel', 'Cancel a running call by the job id it was given.', z.object({ jobId: z.string().min(1) }).strict(), Ok),
} as const;
