export * from './schema';
export * from './parse';
export * from './serialize';
export * from './viewBounds';
export * from './eventBatch';
