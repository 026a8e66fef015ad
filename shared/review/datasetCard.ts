import { DATASET_FORMAT, DATASET_VERSION } from './dataset';

export interface DatasetCounts {
  cases: number;
  regions: number;
  highPowerCrops: number;
  images: number;
  accepted: number;
  edited: number;
  rejected: number;
  reviewers: number;
  reviewMode: number;
  manualMode: number;
  redactions: number;
  impressions: number;
}

export interface DatasetCardInput {
  counts: DatasetCounts;
  deidentified: boolean;
  includeRejected: boolean;
  appVersion: string;
  /** Longest side a crop was allowed, and how many images are below the magnification they are described at. */
  maxCropSide: number;
  belowMagnification: number;
  backends: Array<{ backend: string; backendVersion: string; modelName: string; modelVersion: string; regions: number }>;
}

/** The dataset card: what is in the export, its layout and schema, and how it was made. */
export function datasetCard(input: DatasetCardInput): string {
  const c = input.counts;
  const backendRows = input.backends.length
    ? input.backends.map((b) => `| ${b.backend} | ${b.backendVersion} | ${b.modelName} | ${b.modelVersion} | ${b.regions} |`).join('\n')
    : '| (none: every text was written by hand) | | | | |';
  return `# Pathology-CoT dataset (Sightline export)

Format \`${DATASET_FORMAT}\` version ${DATASET_VERSION}, written by Sightline ${input.appVersion}.

Where experts looked on whole-slide images ("where to look") and why it mattered ("why it matters"), as
reviewed rationales. Every text in this dataset was read by a human reviewer, who accepted, edited or wrote it.

## Counts

| | |
|---|---|
| cases (one whole-slide image each) | ${c.cases} |
| regions (box_N) | ${c.regions} |
| high-power crops (cyto_box_N) | ${c.highPowerCrops} |
| images | ${c.images} |
| first impressions | ${c.impressions} |
| decisions: accepted as drafted / edited / rejected | ${c.accepted} / ${c.edited} / ${c.rejected} |
| reviewed with drafts shown / written from scratch (manual) | ${c.reviewMode} / ${c.manualMode} |
| reviewers | ${c.reviewers} |
| identifiers removed from texts | ${c.redactions} |

Crops are written at the magnification they were examined at; an image is smaller only where its longest side
would have exceeded ${input.maxCropSide} px or the slide has no finer pixels (${input.belowMagnification} of ${c.regions + c.highPowerCrops} here).
Each manifest line's \`imageMagnification\` and \`imageMpp\` give the scale of its image.

Rejected regions are ${input.includeRejected ? 'included (decision "reject" in manifest.jsonl, COCO and GeoJSON; never in conversation.json)' : 'left out'}.

## Layout

\`\`\`
README.md                 this card
manifest.jsonl            one line per region box (schema: schemas/manifest-line.schema.json)
coco.json                 COCO detection annotations over the case thumbnails (categories: inspect, peek)
qupath/<slide>.geojson    the boxes of each slide as QuPath GeoJSON, level-0 pixels
schemas/                  JSON Schemas (draft-07) of manifest.jsonl lines and conversation.json
cases/<slide>/
  thumbnail.jpeg          low-power view of the whole slide
  thumbnail_with_boxes.jpeg  the same with the numbered region boxes drawn
  box_N.jpeg              region N at its inspect magnification
  cyto_box_N.jpeg         the high-power (peek) crop inside region N (cyto_box_N_2.jpeg, … for further peeks)
  conversation.json       the case as a conversation (schema: schemas/conversation.schema.json)
\`\`\`

\`conversation.json\` is a list of turns \`{role, content: [{type: "text", text} | {type: "image", image}]}\`; image
paths are relative to the case folder. The user asks for a first impression of the thumbnail, the assistant gives
it; the user asks where to look and why, the assistant answers with boxes \`[x0, y0, x1, y1]\` in level-0 pixels and
magnifications; then, for each region, a system turn carries its images and the assistant gives its findings.

Each \`manifest.jsonl\` line holds: \`case\`, \`slide\` (pseudonyms), \`slideSha256\`, \`folder\`, \`region\`
(box_N / cyto_box_N), \`kind\` (inspect / peek), \`box\` (level-0 pixels), \`magnification\` (at which the region
was examined), \`image\`, \`imageWidth\` and \`imageHeight\` (pixels), \`imageMagnification\` and \`imageMpp\` (the
magnification and micrometres per pixel of the written image: below \`magnification\` only when the export shrank
the crop to a maximum side or the slide has no finer pixels), \`parent\` and \`children\` (a peek inside an inspect
box is its child), \`durationMs\`, \`visits\`, \`startMs\` (from the expert's
navigation recording), \`source\` (behavior / model) and \`model\`, \`reviewer\` (pseudonym), \`decision\`, \`mode\`,
\`timings\` (elapsed ms, keystrokes per field), \`editDistance\` (draft to final, per field), \`draft\` (backend and
model versions), \`text\` (final text per field) and \`redactions\`. All paths are relative.

## How it was made

1. An expert navigated each slide in Sightline; the recording became inspect/peek commands with boxes (dwell,
   panning and high-power peeks; a peek inside an inspect box is its child). Some regions may come from a region
   proposal model instead (\`source: "model"\`).
2. A drafting backend wrote a first draft of each rationale:

| backend | version | model | model version | regions |
|---|---|---|---|---|
${backendRows}

3. A reviewer accepted, edited or rejected every draft (or, in manual mode, wrote the text from empty fields);
   time, keystrokes and edit distance were recorded.
4. ${
    input.deidentified
      ? 'De-identification: slide, case and reviewer names are replaced by keyed pseudonyms (HMAC-SHA-256 with a per-project secret, stable across exports of the project); no label or macro image and no file metadata is exported; texts were checked for names on the project list, dates and record numbers, and any still present were replaced by "[removed]".'
      : 'De-identification was turned OFF for this export: names and texts are as stored.'
  }
`;
}
