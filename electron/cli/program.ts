import { Command } from 'commander';
import { registerBehavior } from './commands/behavior';
import { registerDoctor } from './commands/doctor';
import { registerEvents } from './commands/events';
import { registerInfo } from './commands/info';
import { registerMetrics } from './commands/metrics';
import { registerModels, registerTrain } from './commands/models';
import { registerPropose } from './commands/propose';
import { registerRegion } from './commands/region';
import { registerServe } from './commands/serve';
import { registerVad } from './commands/vad';
import { registerVideo } from './commands/video';
import { registerVideoExport } from './commands/videoExport';
import { registerAgreement } from './commands/agreement';
import { registerAnnotations } from './commands/annotations';
import { registerExport } from './commands/export';
import { VERSION } from './version';

/** The whole `sightline` command tree (parsed by main.ts; walked by tests). */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('sightline')
    .description('Sightline: record where experts look and what they say; review AI drafts; export datasets.')
    .version(VERSION)
    .showHelpAfterError();

  registerServe(program);
  registerDoctor(program);
  registerInfo(program);
  registerRegion(program);
  registerVad(program);
  registerVideo(program);
  registerVideoExport(program);
  registerAgreement(program);
  registerBehavior(program);
  registerEvents(program);
  registerMetrics(program);
  registerPropose(program);
  registerModels(program);
  registerTrain(program);
  registerAnnotations(program);
  registerExport(program);

  return program;
}
