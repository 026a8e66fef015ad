export * from './optics';
export * from './config';
export * from './timeline';
export * from './grid';
export * from './metrics';
export * from './heatmap';
