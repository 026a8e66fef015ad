import type { Command } from 'commander';
import { cutClip } from '../../core/video/clips';
import { probe } from '../../core/video/probe';
import { proposeFromSpeech } from '../../core/video/proposals';
import { fail, printJson } from '../output';
import { addVadOptions, cliNumber, interruptSignal, progressOnStderr, vadSettingsFrom, type VadCliOptions } from './vad';

export function registerVideo(program: Command): void {
  const video = program.command('video').description('Surgical video: media information, clips, feedback proposals from speech.');

  video
    .command('probe')
    .description('Duration, picture size, frame rate, codecs and sound of a video or audio file.')
    .argument('<media>', 'a video or audio file')
    .option('--json', 'print the information as JSON')
    .action(async (media: string, opts: { json?: boolean }) => {
      try {
        const info = await probe(media, { signal: interruptSignal() });
        if (opts.json) return printJson(info);
        const size = info.hasVideo ? `${info.width}×${info.height} at ${info.fps} fps, ${info.codec}` : 'no picture';
        const sound = info.hasAudio ? `${info.audioCodec}, ${info.audioSampleRate} Hz, ${info.audioChannels} ch` : 'no sound';
        process.stdout.write(`${media}\n  ${(info.durationMs / 1000).toFixed(2)} s; ${size}; ${sound}\n`);
      } catch (e) {
        fail(e, !!opts.json);
      }
    });

  video
    .command('clip')
    .description('Cut a clip around a moment (± padding), e.g. a feedback instance; the output format follows its extension.')
    .argument('<media>', 'a video or audio file')
    .requiredOption('--start <ms>', 'start of the instance, in ms')
    .requiredOption('--end <ms>', 'end of the instance, in ms')
    .requiredOption('--out <file>', 'where to write the clip (.mp4, .webm, .mov, .mkv or .wav)')
    .option('--pad <s>', 'seconds added before and after', '5')
    .option('--copy', 'copy the streams instead of re-encoding (fast, but cuts at keyframes)')
    .option('--json', 'print {path, startMs, endMs}')
    .action(async (media: string, opts: { start: string; end: string; out: string; pad: string; copy?: boolean; json?: boolean }) => {
      try {
        const r = await cutClip(media, cliNumber('start', opts.start) as number, cliNumber('end', opts.end) as number, opts.out, {
          padS: cliNumber('pad', opts.pad),
          mode: opts.copy ? 'copy' : 'reencode',
          signal: interruptSignal(),
        });
        if (opts.json) return printJson(r);
        process.stdout.write(`${r.path}: ${(r.startMs / 1000).toFixed(2)}–${(r.endMs / 1000).toFixed(2)} s\n`);
      } catch (e) {
        fail(e, !!opts.json);
      }
    });

  addVadOptions(
    video
      .command('propose')
      .description('Candidate feedback instances: speech segments (Silero VAD), with an optional WebVTT/SRT transcript aligned to them.')
      .argument('<media>', 'a video or audio file')
      .option('--transcript <file>', 'a WebVTT (.vtt) or SubRip (.srt) transcript of the recording'),
  )
    .option('--json', 'print {durationMs, proposals:[{startMs,endMs,p,transcript,speaker,coverage}], unassignedCues, model}')
    .action(async (media: string, opts: VadCliOptions & { transcript?: string }) => {
      const json = !!opts.json;
      try {
        const p = progressOnStderr(!json, 'detecting speech');
        const r = await proposeFromSpeech(media, { ...vadSettingsFrom(opts), transcriptPath: opts.transcript, signal: interruptSignal(), progress: p.progress });
        p.clear();
        if (json) return printJson(r);
        process.stdout.write(`${r.proposals.length} proposal(s) in ${(r.durationMs / 1000).toFixed(2)} s\n`);
        for (const s of r.proposals) {
          const who = s.speaker ? `${s.speaker}: ` : '';
          process.stdout.write(`${(s.startMs / 1000).toFixed(2).padStart(8)} ${(s.endMs / 1000).toFixed(2).padStart(8)}  ${s.p.toFixed(2)}  ${who}${s.transcript}\n`);
        }
        if (r.unassignedCues.length) process.stdout.write(`${r.unassignedCues.length} transcript cue(s) fall outside the speech found.\n`);
      } catch (e) {
        fail(e, json);
      }
    });
}
