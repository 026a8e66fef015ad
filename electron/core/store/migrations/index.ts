import type { Database } from 'better-sqlite3';
import { migrate001 } from './001-profiles-projects-cases';
import { migrate002 } from './002-slides-videos';
import { migrate003 } from './003-audit';
import { migrate004 } from './004-recording';
import { migrate005 } from './005-annotations';
import { migrate006 } from './006-review';
import { migrate007 } from './007-command-edits';
import { migrate008 } from './008-feedback';
import { migrate009 } from './009-proposals';
import { migrate010 } from './010-feedback-edits';

/** Index i holds the migration that takes the schema to user_version i + 1. Append only; never edit one that shipped. */
export const migrations: ReadonlyArray<(db: Database) => void> = [migrate001, migrate002, migrate003, migrate004, migrate005, migrate006, migrate007, migrate008, migrate009, migrate010];

export const LATEST_SCHEMA_VERSION = migrations.length;
