/** The only two IPC channels between the renderer and the main process. */
export const INVOKE_CHANNEL = 'sightline:invoke';
export const EVENT_CHANNEL = 'sightline:event';
