/** How many events the crash test's writer puts in batch `seq` (1..200, varying). */
export const batchSize = (seq: number): number => 1 + ((seq * 7919) % 200);
